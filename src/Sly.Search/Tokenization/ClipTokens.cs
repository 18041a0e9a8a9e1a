namespace Sly.Search.Tokenization;

/// <summary>One text as CLIP's text tower takes it: <see cref="ClipTokenizer.ContextLength"/> ids and the matching mask.</summary>
/// <param name="InputIds">Start token, BPE ids, end token, then padding.</param>
/// <param name="AttentionMask">1 for the start token, BPE ids and end token; 0 for padding.</param>
/// <param name="Truncated">True when the text was longer than the context and its tail was cut (the end token is kept).</param>
public sealed record ClipTokens(long[] InputIds, long[] AttentionMask, bool Truncated)
{
    /// <summary>How many positions hold real tokens (start and end included).</summary>
    public int Length
    {
        get
        {
            var n = 0;
            foreach (var m in AttentionMask)
                n += (int)m;
            return n;
        }
    }
}
