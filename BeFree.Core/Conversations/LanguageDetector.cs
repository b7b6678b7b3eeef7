namespace BeFree.Core.Conversations;

/// <summary>
/// Tells English from Spanish in a texter's words, deterministically and without a model: each folded
/// word found in one language's list of common words counts for it, and Spanish-only letters and
/// marks (ñ, ¿, ¡, accented vowels) count for Spanish. Null when a text says too little to tell
/// ("ok", "911", an emoji): the conversation then keeps English until a later text decides.
/// <para>
/// The lists hold frequent function words and the hotline's own vocabulary, minus words both
/// languages share ("no", "me", "a", "son", "hotel", "info").
/// </para>
/// </summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "hola", "ayuda", "ayudame", "ayudeme", "necesito", "necesitamos", "necesita", "por", "favor", "porfa", "gracias",
        "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "pero", "que", "de", "del", "al", "en", "con", "sin",
        "para", "mi", "mis", "tu", "tus", "su", "sus", "yo", "usted", "ella", "ellos", "ellas", "nosotros", "es", "esta", "estoy",
        "estamos", "estan", "soy", "somos", "tengo", "tiene", "tienen", "tenemos", "quiero", "puedo", "puede", "pueden", "podemos",
        "hay", "aqui", "ahora", "donde", "como", "cuando", "porque", "muy", "mucho", "nada", "nadie", "tambien", "solo", "todo",
        "trabajo", "trabajar", "trabajando", "patron", "patrona", "jefe", "jefa", "dueno", "pasaporte", "papeles", "documentos",
        "miedo", "peligro", "policia", "casa", "dinero", "deuda", "debo", "pagar", "paga", "salir", "dejan", "deja", "encerrada",
        "encerrado", "amenaza", "amenazo", "matar", "golpea", "hija", "hijo", "hijos", "anos", "menor", "senor", "senora",
        "buenas", "buenos", "dias", "tardes", "noches", "ayudar", "alguien", "quien", "dice", "dijo", "llevaron", "quito",
        "quitaron", "parar", "cancelar", "comenzar", "si", "este", "eso", "esto", "ya", "mas", "fue", "ser", "hacer", "hablar",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "help", "please", "thanks", "thank", "you", "the", "and", "or", "but", "of", "to", "in", "on",
        "with", "without", "for", "my", "your", "his", "her", "their", "i", "im", "we", "they", "he", "she", "it", "is", "am",
        "are", "was", "were", "have", "has", "had", "need", "want", "can", "cant", "could", "will", "would", "there", "here",
        "now", "where", "how", "when", "why", "what", "who", "very", "much", "nothing", "nobody", "also", "just", "all",
        "work", "working", "job", "boss", "employer", "owner", "passport", "papers", "documents", "afraid", "scared",
        "danger", "police", "house", "home", "money", "debt", "owe", "pay", "leave", "let", "locked", "threat", "threatened",
        "kill", "hurt", "daughter", "years", "old", "minor", "sir", "good", "morning", "night", "someone", "says",
        "said", "took", "taken", "stop", "start", "yes", "this", "that", "not", "dont", "do", "does", "be", "get", "got",
        "out", "from", "at", "if", "so", "an",
    };

    /// <summary>English, Spanish, or null when the text does not tell.</summary>
    public static ConversationLanguage? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var spanish = 0;
        var english = 0;
        foreach (var c in text)
        {
            // Letters and marks English texts do not use.
            if (c is 'ñ' or 'Ñ' or '¿' or '¡' or 'á' or 'é' or 'í' or 'ó' or 'ú' or 'Á' or 'É' or 'Í' or 'Ó' or 'Ú')
            {
                spanish++;
            }
        }
        foreach (var word in TextFolding.Words(text))
        {
            if (Spanish.Contains(word))
            {
                spanish++;
            }
            if (English.Contains(word))
            {
                english++;
            }
        }
        return spanish > english ? ConversationLanguage.Spanish
            : english > spanish ? ConversationLanguage.English
            : null;
    }
}
