using System.Text.Json;
using Sly.Search.Tokenization;
using Sly.Testing;

namespace Sly.Search.Tests.Tokenization;

/// <summary>
/// Parity with OpenAI CLIP's simple_tokenizer.py on the real bpe_simple_vocab_16e6.txt.gz. Expected ids beyond the
/// README's "a photo of a cat" / "a dog" / "a diagram" were computed with a line-by-line Python port of
/// simple_tokenizer.py (its own BPE loop and CLIP's exact pattern via the `regex` module, not Microsoft.ML.Tokenizers;
/// only ftfy left out) on the same file.
/// </summary>
public sealed class ClipTokenizerTests
{
    private static readonly Lazy<ClipTokenizer> Clip = new(() => ClipTokenizer.FromClipBpeFile(ClipBpePath()));

    private static string ClipBpePath() => Prerequisite.SharedFile("clip/bpe_simple_vocab_16e6.txt.gz");

    private static ClipTokenizer Tokenizer()
    {
        ClipBpePath(); // skips (or fails under SLY_REQUIRE_ALL=1) when ../shared is absent
        return Clip.Value;
    }

    [Fact]
    public void A_photo_of_a_cat_encodes_to_clips_reference_ids_then_zeros()
    {
        var tokens = Tokenizer().Tokenize("a photo of a cat");

        long[] expected = [49406, 320, 1125, 539, 320, 2368, 49407];
        Assert.Equal(expected, tokens.InputIds[..7]);
        Assert.All(tokens.InputIds[7..], id => Assert.Equal(0, id));
        Assert.Equal(77, tokens.InputIds.Length);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], tokens.AttentionMask[..7]);
        Assert.All(tokens.AttentionMask[7..], m => Assert.Equal(0, m));
        Assert.Equal(7, tokens.Length);
        Assert.False(tokens.Truncated);
    }

    [Theory]
    [InlineData("a diagram", new[] { 320, 22697 })]
    [InlineData("a dog", new[] { 320, 1929 })]
    // upper case is lowered; "!" is its own punctuation token
    [InlineData("A Photo Of A CAT!", new[] { 320, 1125, 539, 320, 2368, 256 })]
    // apostrophe contractions split off as 's / 't
    [InlineData("it's a dog's life, isn't it?", new[] { 585, 568, 320, 1929, 568, 970, 267, 2923, 713, 585, 286 })]
    // HTML entities are decoded (twice, so &amp;amp; becomes &)
    [InlineData("salt &amp; pepper", new[] { 6611, 261, 8253 })]
    [InlineData("rock &amp;amp; roll", new[] { 2172, 261, 3341 })]
    // runs of spaces, tabs and newlines collapse; ends are trimmed
    [InlineData("  a   rusty\tbolt \n on a conveyor  ", new[] { 320, 22646, 13131, 525, 320, 18421, 21132 })]
    [InlineData("close-up of a scratched steel gear", new[] { 2660, 268, 705, 539, 320, 48831, 4726, 4802 })]
    // digits are single tokens; brackets and punctuation are separate
    [InlineData("an M8 bolt, 25mm long (DIN 933)", new[] { 550, 332, 279, 13131, 267, 273, 276, 2848, 1538, 263, 5673, 280, 274, 274, 264 })]
    // non-ASCII letters go through the byte-level alphabet
    [InlineData("café naïve", new[] { 15304, 1097, 35689, 563 })]
    [InlineData("hello world 2024", new[] { 3306, 1002, 273, 271, 273, 275 })]
    // the special token written in the text is recognised as itself
    [InlineData("<|startoftext|>hello", new[] { 49406, 3306 })]
    public void Encodes_like_clips_simple_tokenizer(string text, int[] expectedBody)
    {
        var tokens = Tokenizer().Tokenize(text);

        long[] expected = [49406, .. expectedBody.Select(i => (long)i), 49407];
        Assert.Equal(expected, tokens.InputIds[..expected.Length]);
        Assert.All(tokens.InputIds[expected.Length..], id => Assert.Equal(0, id));
        Assert.Equal(expected.Length, tokens.Length);
    }

    [Fact]
    public void A_hundred_word_text_is_cut_to_77_ending_with_the_end_token()
    {
        string[] words = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"];
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => words[i % words.Length]));

        var tokens = Tokenizer().Tokenize(text);

        long[] cycle = [518, 3712, 2866, 3240, 18911, 962, 518, 10753, 1929];
        var expected = new long[77];
        expected[0] = 49406;
        for (var i = 1; i < 76; i++)
            expected[i] = cycle[(i - 1) % cycle.Length];
        expected[76] = 49407;
        Assert.Equal(expected, tokens.InputIds);
        Assert.All(tokens.AttentionMask, m => Assert.Equal(1, m));
        Assert.True(tokens.Truncated);
    }

    [Fact]
    public void The_clip_vocabulary_has_49408_entries_and_the_special_ids()
    {
        var tokenizer = Tokenizer();

        Assert.Equal(49408, tokenizer.VocabularySize);
        Assert.Equal(49406, tokenizer.StartOfTextId);
        Assert.Equal(49407, tokenizer.EndOfTextId);
    }

    [Fact]
    public void Pad_id_is_configurable_for_hugging_face_style_padding()
    {
        var path = ClipBpePath();
        var tokenizer = ClipTokenizer.FromClipBpeFile(path, padId: 49407);

        var tokens = tokenizer.Tokenize("a dog");

        Assert.Equal([49406, 320, 1929, 49407, 49407], tokens.InputIds[..5]);
        Assert.Equal([1, 1, 1, 1, 0], tokens.AttentionMask[..5]);
    }

    [Fact]
    public void Batches_are_row_major_with_one_row_per_text()
    {
        var (ids, mask) = Tokenizer().TokenizeBatch(["a dog", "a photo of a cat"]);

        Assert.Equal(2 * 77, ids.Length);
        Assert.Equal([49406, 320, 1929, 49407, 0], ids[..5]);
        Assert.Equal([49406, 320, 1125, 539, 320, 2368, 49407], ids[77..84]);
        Assert.Equal(4 + 7, mask.Sum());
    }

    [Fact]
    public void Decoding_returns_the_cleaned_lower_case_text()
    {
        var tokenizer = Tokenizer();

        Assert.Equal("a photo of a cat", tokenizer.Decode(tokenizer.Tokenize("A  photo of a CAT").InputIds));
        // id 0 is "!" as well as the padding: before the end token it is text ("!~" encodes to 0, 349)
        Assert.Equal([49406, 0, 349, 49407], tokenizer.Tokenize("!~").InputIds[..4]);
        Assert.Equal("hi !~", tokenizer.Decode(tokenizer.Tokenize("hi !~").InputIds));
    }

    [Fact]
    public void Hugging_face_vocab_json_and_merges_txt_give_the_same_ids()
    {
        var tokenizer = Tokenizer();
        using var folder = new TemporaryFolder();
        // build the HF files from the real CLIP file (the vocabulary is never stored in the repository)
        var merges = ReadClipMerges(ClipBpePath());
        File.WriteAllLines(Path.Combine(folder.Path, "merges.txt"), ["#version: 0.2", .. merges]);
        var alphabet = ClipTokenizer.ByteLevelAlphabet();
        var vocabulary = new Dictionary<string, int>();
        foreach (var s in alphabet) vocabulary[s] = vocabulary.Count;
        foreach (var s in alphabet) vocabulary[s + "</w>"] = vocabulary.Count;
        foreach (var m in merges) vocabulary[m.Replace(" ", "", StringComparison.Ordinal)] = vocabulary.Count;
        vocabulary["<|startoftext|>"] = vocabulary.Count;
        vocabulary["<|endoftext|>"] = vocabulary.Count;
        File.WriteAllText(Path.Combine(folder.Path, "vocab.json"), JsonSerializer.Serialize(vocabulary));

        var hf = ClipTokenizer.FromVocabularyAndMerges(Path.Combine(folder.Path, "vocab.json"), Path.Combine(folder.Path, "merges.txt"));

        foreach (var text in new[] { "a photo of a cat", "it's a dog's life, isn't it?", "café naïve", "salt &amp; pepper" })
            Assert.Equal(tokenizer.Tokenize(text).InputIds, hf.Tokenize(text).InputIds);
    }

    [Fact]
    public void Clean_decodes_entities_twice_and_collapses_whitespace()
    {
        Assert.Equal("a & b", ClipTokenizer.Clean("  a   &amp;amp;\t\n b "));
        Assert.Equal("<tag>", ClipTokenizer.Clean("&lt;tag&gt;"));
    }

    [Fact]
    public void Missing_vocabulary_names_the_file()
    {
        using var folder = new TemporaryFolder();
        var vocab = Path.Combine(folder.Path, "vocab.json");
        var merges = Path.Combine(folder.Path, "merges.txt");
        File.WriteAllText(merges, "#version: 0.2\ni n\n");

        var e = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromVocabularyAndMerges(vocab, merges));

        Assert.Contains(vocab, e.Message);
        Assert.Contains("vocab.json", e.Message);
    }

    [Fact]
    public void Malformed_vocabulary_names_the_file_and_the_expected_shape()
    {
        using var folder = new TemporaryFolder();
        var vocab = Path.Combine(folder.Path, "vocab.json");
        var merges = Path.Combine(folder.Path, "merges.txt");
        File.WriteAllText(vocab, "[1, 2, 3]");
        File.WriteAllText(merges, "#version: 0.2\ni n\n");

        var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromVocabularyAndMerges(vocab, merges));

        Assert.Contains(vocab, e.Message);
        Assert.Contains("token", e.Message);
    }

    [Fact]
    public void Malformed_merges_name_the_file_and_line()
    {
        using var folder = new TemporaryFolder();
        var vocab = Path.Combine(folder.Path, "vocab.json");
        var merges = Path.Combine(folder.Path, "merges.txt");
        File.WriteAllText(vocab, """{"a": 0, "<|startoftext|>": 1, "<|endoftext|>": 2}""");
        File.WriteAllText(merges, "#version: 0.2\ni n\nthree parts here\n");

        var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromVocabularyAndMerges(vocab, merges));

        Assert.Contains(merges, e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void A_vocabulary_without_clips_special_tokens_is_rejected()
    {
        using var folder = new TemporaryFolder();
        var vocab = Path.Combine(folder.Path, "vocab.json");
        var merges = Path.Combine(folder.Path, "merges.txt");
        File.WriteAllText(vocab, """{"a": 0, "b": 1}""");
        File.WriteAllText(merges, "#version: 0.2\n");

        var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromVocabularyAndMerges(vocab, merges));

        Assert.Contains("<|endoftext|>", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_rejected_with_its_name()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "bpe.txt.gz");
        File.WriteAllText(path, "not gzip");

        var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromClipBpeFile(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void The_byte_level_alphabet_covers_every_byte_once()
    {
        var alphabet = ClipTokenizer.ByteLevelAlphabet();

        Assert.Equal(256, alphabet.Count);
        Assert.Equal(256, alphabet.Distinct().Count());
        Assert.Equal("!", alphabet[0]);
        Assert.Equal("Ā", alphabet[188]); // byte 0, the first non-printable, maps to U+0100
    }

    private static List<string> ReadClipMerges(string path)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n').Skip(1).Take(ClipTokenizer.ClipMergeCount).ToList();
    }
}
