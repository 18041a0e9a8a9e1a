using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Sly.Search.Tokenization;

/// <summary>
/// CLIP's tokenizer: text cleaned and lower-cased as CLIP's <c>simple_tokenizer.py</c> does, split with CLIP's
/// pre-tokenisation pattern, byte-level BPE with the <c>&lt;/w&gt;</c> end-of-word suffix, framed by
/// <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>, truncated or padded to the context length.
/// The BPE itself is Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>.
/// </summary>
/// <remarks>
/// Differences from the reference: CLIP first runs <c>ftfy.fix_text</c> (mojibake repair), which is not reproduced;
/// HTML entities are decoded with <see cref="WebUtility.HtmlDecode(string)"/>, which knows the HTML 4 entity names and
/// needs the trailing semicolon, where Python's <c>html.unescape</c> knows all HTML5 names. Ordinary text is unaffected.
/// </remarks>
public sealed class ClipTokenizer
{
    /// <summary>CLIP's context length.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>CLIP's start-of-text token.</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <summary>CLIP's end-of-text token.</summary>
    public const string EndOfText = "<|endoftext|>";

    /// <summary>CLIP's pre-tokenisation pattern (simple_tokenizer.py), used case-insensitively as CLIP does.</summary>
    public const string PreTokenizerPattern =
        @"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+";

    /// <summary>The number of merges CLIP reads from bpe_simple_vocab_16e6.txt.gz (49152 − 256 − 2).</summary>
    public const int ClipMergeCount = 49152 - 256 - 2;

    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.Compiled);

    private readonly BpeTokenizer _bpe;
    private readonly Lazy<string[]> _tokensById;
    private readonly Lazy<Dictionary<char, byte>> _byteByChar = new(() =>
    {
        var alphabet = ByteLevelAlphabet();
        var map = new Dictionary<char, byte>();
        for (var b = 0; b < 256; b++)
            map[alphabet[ByteOrder[b]][0]] = (byte)b;
        return map;
    });

    private ClipTokenizer(BpeTokenizer bpe, IReadOnlyDictionary<string, int> specialTokens, int contextLength, int padId, int vocabularySize)
    {
        if (contextLength < 2)
            throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength, "the context must hold at least the start and end tokens (2 or more)");
        if (padId < 0)
            throw new ArgumentOutOfRangeException(nameof(padId), padId, "must be 0 or more (0 like open_clip, or the end token id like Hugging Face)");
        _bpe = bpe;
        ContextLength = contextLength;
        PadId = padId;
        VocabularySize = vocabularySize;
        StartOfTextId = specialTokens[StartOfText];
        EndOfTextId = specialTokens[EndOfText];
        _tokensById = new Lazy<string[]>(() =>
        {
            var tokens = new string[_bpe.Vocabulary.Values.Max() + 1];
            foreach (var (token, id) in _bpe.Vocabulary)
                tokens[id] = token;
            return tokens;
        });
    }

    /// <summary>Positions per text (77 for CLIP).</summary>
    public int ContextLength { get; }

    /// <summary>Id written into padding positions: 0 like open_clip and OpenAI's CLIP (Hugging Face pads with the end token).</summary>
    public int PadId { get; }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> (49406 for CLIP).</summary>
    public int StartOfTextId { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> (49407 for CLIP).</summary>
    public int EndOfTextId { get; }

    /// <summary>Number of entries in the vocabulary (49408 for CLIP).</summary>
    public int VocabularySize { get; }

    /// <summary>
    /// Loads a Hugging Face CLIP tokenizer: <c>vocab.json</c> (token → id) and <c>merges.txt</c> (one "a b" merge per line,
    /// an optional <c>#version</c> header first).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or lacks CLIP's special tokens; the message names the file.</exception>
    public static ClipTokenizer FromVocabularyAndMerges(string vocabJsonPath, string mergesPath, int contextLength = DefaultContextLength, int padId = 0)
    {
        var vocabulary = ReadVocabulary(vocabJsonPath);
        var merges = ReadMerges(mergesPath);
        return Create(vocabulary, merges, contextLength, padId, vocabJsonPath);
    }

    /// <summary>
    /// Loads OpenAI's original <c>bpe_simple_vocab_16e6.txt.gz</c> and builds the vocabulary the way CLIP's
    /// simple_tokenizer.py does: the 256 byte symbols, the same with <c>&lt;/w&gt;</c>, one entry per merge, then the
    /// start and end tokens (49408 entries).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a gzip of CLIP merges; the message names the file.</exception>
    public static ClipTokenizer FromClipBpeFile(string bpeGzPath, int contextLength = DefaultContextLength, int padId = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bpeGzPath);
        if (!File.Exists(bpeGzPath))
            throw new FileNotFoundException($"CLIP BPE file {bpeGzPath} does not exist (expected bpe_simple_vocab_16e6.txt.gz: gzip of '#version' then one 'a b' merge per line)", bpeGzPath);
        List<string> lines;
        try
        {
            using var gzip = new GZipStream(File.OpenRead(bpeGzPath), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            lines = reader.ReadToEnd().Split('\n').ToList();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{bpeGzPath} is not gzip data (expected bpe_simple_vocab_16e6.txt.gz): {e.Message}", e);
        }
        if (lines.Count < ClipMergeCount + 1)
            throw new InvalidDataException($"{bpeGzPath} holds {lines.Count - 1} merges; CLIP's file holds at least {ClipMergeCount}");
        // like simple_tokenizer.py: skip the header line, keep the first 48894 merges
        var merges = lines.Skip(1).Take(ClipMergeCount).ToList();
        var vocabulary = new List<KeyValuePair<string, int>>(49408);
        var byteSymbols = ByteLevelAlphabet();
        foreach (var symbol in byteSymbols)
            vocabulary.Add(new(symbol, vocabulary.Count));
        foreach (var symbol in byteSymbols)
            vocabulary.Add(new(symbol + "</w>", vocabulary.Count));
        for (var i = 0; i < merges.Count; i++)
        {
            var parts = merges[i].Split(' ');
            if (parts.Length != 2)
                throw new InvalidDataException($"{bpeGzPath} line {i + 2}: expected a merge 'a b', got '{merges[i]}'");
            vocabulary.Add(new(parts[0] + parts[1], vocabulary.Count));
        }
        vocabulary.Add(new(StartOfText, vocabulary.Count));
        vocabulary.Add(new(EndOfText, vocabulary.Count));
        return Create(vocabulary, merges, contextLength, padId, bpeGzPath);
    }

    /// <summary>
    /// CLIP's text clean-up before lower-casing: HTML entities decoded twice, runs of whitespace collapsed to one space, ends trimmed.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Trim();
        return Whitespace.Replace(unescaped, " ").Trim();
    }

    /// <summary>The BPE ids of <paramref name="text"/> after CLIP's clean-up, without start/end tokens and without truncation.</summary>
    public IReadOnlyList<int> Encode(string text) => _bpe.EncodeToIds(Clean(text));

    /// <summary>The tokens (as vocabulary strings) of <paramref name="text"/>, for inspection.</summary>
    public IReadOnlyList<string> EncodeToTokens(string text) => _bpe.EncodeToTokens(Clean(text), out _).Select(t => t.Value).ToList();

    /// <summary>
    /// Start token, BPE ids and end token, padded with <see cref="PadId"/> to <see cref="ContextLength"/>. Longer texts
    /// are cut to the context length with the end token in the last position, as open_clip and OpenAI's CLIP do.
    /// </summary>
    public ClipTokens Tokenize(string text)
    {
        var ids = new long[ContextLength];
        var mask = new long[ContextLength];
        var truncated = Tokenize(text, ids, mask);
        return new ClipTokens(ids, mask, truncated);
    }

    /// <summary>Tokenizes <paramref name="texts"/> into row-major [N, ContextLength] id and mask arrays.</summary>
    public (long[] InputIds, long[] AttentionMask) TokenizeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new long[texts.Count * ContextLength];
        var mask = new long[texts.Count * ContextLength];
        for (var i = 0; i < texts.Count; i++)
            Tokenize(texts[i], ids.AsSpan(i * ContextLength, ContextLength), mask.AsSpan(i * ContextLength, ContextLength));
        return (ids, mask);
    }

    /// <summary>Writes one text's ids and mask into spans of exactly <see cref="ContextLength"/>; returns whether it was truncated.</summary>
    public bool Tokenize(string text, Span<long> inputIds, Span<long> attentionMask)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (inputIds.Length != ContextLength)
            throw new ArgumentException($"must have length {ContextLength} (the context length), not {inputIds.Length}", nameof(inputIds));
        if (attentionMask.Length != ContextLength)
            throw new ArgumentException($"must have length {ContextLength} (the context length), not {attentionMask.Length}", nameof(attentionMask));
        var bpe = Encode(text);
        var truncated = bpe.Count + 2 > ContextLength;
        var body = Math.Min(bpe.Count, ContextLength - 2);
        inputIds.Fill(PadId);
        attentionMask.Clear();
        inputIds[0] = StartOfTextId;
        for (var i = 0; i < body; i++)
            inputIds[i + 1] = bpe[i];
        inputIds[body + 1] = EndOfTextId;
        attentionMask[..(body + 2)].Fill(1);
        return truncated;
    }

    /// <summary>Turns ids back into text as CLIP's decoder does: the start token dropped, <c>&lt;/w&gt;</c> read as a space, stopping at the end token.</summary>
    public string Decode(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = _tokensById.Value;
        var bytes = _byteByChar.Value;
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            // everything after the end token is padding; the pad id itself (0 = "!") can be a real token before it
            if (id == EndOfTextId)
                break;
            if (id == StartOfTextId || id < 0 || id >= tokens.Length)
                continue;
            text.Append(tokens[id]);
        }
        var buffer = new List<byte>(text.Length);
        foreach (var part in text.ToString().Split("</w>"))
        {
            foreach (var c in part)
            {
                if (bytes.TryGetValue(c, out var b))
                    buffer.Add(b);
            }
            buffer.Add((byte)' ');
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Trim();
    }

    private static ClipTokenizer Create(IReadOnlyList<KeyValuePair<string, int>> vocabulary, IEnumerable<string> merges, int contextLength, int padId, string source)
    {
        var specials = new Dictionary<string, int>();
        foreach (var (token, id) in vocabulary)
        {
            if (token is StartOfText or EndOfText)
                specials[token] = id;
        }
        if (specials.Count != 2)
            throw new InvalidDataException($"{source} lacks CLIP's special tokens {StartOfText} and {EndOfText}");
        var options = new BpeOptions(vocabulary)
        {
            Merges = merges,
            SpecialTokens = specials,
            ByteLevel = true,
            EndOfWordSuffix = "</w>",
            Normalizer = new LowerCaseNormalizer(),
            PreTokenizer = new RegexPreTokenizer(new Regex(PreTokenizerPattern, RegexOptions.IgnoreCase | RegexOptions.Compiled), specials),
        };
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{source}: the vocabulary and merges do not form a BPE model: {e.Message}", e);
        }
        return new ClipTokenizer(bpe, specials, contextLength, padId, vocabulary.Count);
    }

    private static List<KeyValuePair<string, int>> ReadVocabulary(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"vocabulary {path} does not exist (expected vocab.json: a JSON object of token → id)", path);
        try
        {
            using var stream = File.OpenRead(path);
            var map = JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"{path} is null; expected a JSON object of token → id");
            return map.OrderBy(kv => kv.Value).ToList();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a JSON object of token → integer id: {e.Message}", e);
        }
    }

    private static List<string> ReadMerges(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"merges {path} does not exist (expected merges.txt: one 'a b' merge per line)", path);
        var merges = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
                continue;
            if (line.Split(' ').Length != 2)
                throw new InvalidDataException($"{path} line {lineNumber}: expected a merge 'a b', got '{line}'");
            merges.Add(line);
        }
        return merges;
    }

    /// <summary>For each byte value, its position in <see cref="ByteLevelAlphabet"/>.</summary>
    private static readonly int[] ByteOrder = ComputeByteOrder();

    private static int[] ComputeByteOrder()
    {
        var order = new int[256];
        var bytes = ByteLevelBytes();
        for (var i = 0; i < bytes.Count; i++)
            order[bytes[i]] = i;
        return order;
    }

    /// <summary>The bytes in <c>bytes_to_unicode</c>'s order: printable Latin-1 first, then the rest.</summary>
    private static List<int> ByteLevelBytes()
    {
        var bytes = new List<int>();
        for (var b = '!'; b <= '~'; b++) bytes.Add(b);
        for (var b = '¡'; b <= '¬'; b++) bytes.Add(b);
        for (var b = '®'; b <= 'ÿ'; b++) bytes.Add(b);
        for (var b = 0; b < 256; b++)
        {
            if (!bytes.Contains(b))
                bytes.Add(b);
        }
        return bytes;
    }

    /// <summary>GPT-2/CLIP <c>bytes_to_unicode</c>: a printable character per byte, in CLIP's vocabulary order.</summary>
    internal static List<string> ByteLevelAlphabet()
    {
        // printable bytes stand for themselves; the others (controls, space, soft hyphen...) map to U+0100 onwards
        var bytes = ByteLevelBytes();
        const int printable = 188;
        return bytes.Select((b, i) => ((char)(i < printable ? b : 256 + i - printable)).ToString()).ToList();
    }
}
