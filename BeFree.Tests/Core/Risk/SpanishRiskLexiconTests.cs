using BeFree.Core.Risk;

namespace BeFree.Tests.Core.Risk;

/// <summary>The lexicon's Spanish entries: realistic texts (with and without accents) and false friends.</summary>
public sealed class SpanishRiskLexiconTests
{
    private static readonly RiskLexicon Lexicon = RiskLexicon.LoadEmbedded();

    [Theory]
    // Documents taken
    [InlineData("Necesito ayuda, mi patrón tiene mi pasaporte", RiskLevel.High, "documents taken", "tiene mi pasaporte")]
    [InlineData("necesito ayuda mi patron tiene mi pasaporte", RiskLevel.High, "documents taken", "tiene mi pasaporte")]
    [InlineData("Me quitaron mis papeles cuando llegamos", RiskLevel.High, "documents taken", "quitaron mis papeles")]
    [InlineData("el jefe no me quiere devolver mi pasaporte", RiskLevel.High, "documents taken", "no me quiere devolver mi pasaporte")]
    [InlineData("La señora guarda nuestros documentos", RiskLevel.High, "documents taken", "guarda nuestros documentos")]
    // Debt
    [InlineData("Le debo mucho dinero por el viaje", RiskLevel.High, "debt bondage", "Le debo mucho dinero")]
    [InlineData("dice que le debo por la comida y el cuarto", RiskLevel.High, "debt bondage", "dice que le debo")]
    [InlineData("tengo que trabajar para pagar la deuda", RiskLevel.High, "debt bondage", "trabajar para pagar la deuda")]
    // Cannot leave, locked in
    [InlineData("No me dejan salir de la casa", RiskLevel.High, "cannot leave", "No me dejan salir")]
    [InlineData("no podemos irnos", RiskLevel.High, "cannot leave", "no podemos irnos")]
    [InlineData("Estamos encerradas en un cuarto", RiskLevel.High, "locked in", "Estamos encerradas")]
    // Forced to work
    [InlineData("nos obligan a trabajar 16 horas sin descanso", RiskLevel.High, "forced to work", "nos obligan a trabajar")]
    // Minors
    [InlineData("tengo 15 años y no puedo irme", RiskLevel.High, "a minor", "tengo 15 años")]
    [InlineData("mi hija tiene catorce anos", RiskLevel.High, "a minor", "mi hija tiene catorce anos")]
    [InlineData("soy menor de edad", RiskLevel.High, "a minor", "soy menor de edad")]
    [InlineData("hay una niña de 13 años aquí", RiskLevel.High, "a minor", "una niña de 13 años")]
    // Threats
    [InlineData("me amenaza con llamar a inmigración", RiskLevel.Moderate, "threats", "me amenaza con llamar a inmigración")]
    [InlineData("Amenazaron a mi familia", RiskLevel.Moderate, "threats", "Amenazaron a mi familia")]
    [InlineData("no nos pagan desde hace meses", RiskLevel.Moderate, "unpaid work", "no nos pagan")]
    // Imminent
    [InlineData("Me va a matar", RiskLevel.Imminent, "threat to kill or hurt now", "Me va a matar")]
    [InlineData("tiene una pistola", RiskLevel.Imminent, "weapon", "tiene una pistola")]
    [InlineData("Manden a la policía por favor", RiskLevel.Imminent, "calling for help now", "Manden a la policía")]
    [InlineData("estoy en peligro", RiskLevel.Imminent, "in danger now", "estoy en peligro")]
    [InlineData("me están golpeando", RiskLevel.Imminent, "being hurt now", "me están golpeando")]
    public void Spanish_texts_get_the_right_suggestion(string text, RiskLevel level, string category, string matched)
    {
        var suggestion = Lexicon.Suggest(text);
        Assert.NotNull(suggestion);
        Assert.Equal(level, suggestion.Level);
        Assert.Equal(category, suggestion.Category);
        Assert.Equal(matched, suggestion.MatchedText);
    }

    [Theory]
    [InlineData("no puedo salir esta noche, tengo que estudiar")]
    [InlineData("me va a matar de risa jaja")]
    [InlineData("tengo 15 años de experiencia en cocina")]
    [InlineData("Hola, ¿cuál es el horario de la oficina?")]
    [InlineData("necesito renovar mi pasaporte")]
    public void Spanish_false_friends_suggest_nothing(string text)
        => Assert.Null(Lexicon.Suggest(text));
}
