namespace BeFree.Core.Search;

/// <summary>What conversation search says to staff. In the reader's language: SearchMessages.resx (English), SearchMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class SearchMessages : CoreText<SearchMessages>;
