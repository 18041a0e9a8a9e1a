using Sly.Notebooks.Kernel;

namespace Sly.Notebooks.Tests.Kernel;

public sealed class LoopCancellationTests
{
    [Fact]
    public void Code_without_loops_is_returned_unchanged()
    {
        const string code = "#r \"nuget: X, 1.0\"\nvar forecast = 1; // while we wait\nforecast";

        Assert.Same(code, LoopCancellation.Instrument(code));
    }

    [Fact]
    public void Every_kind_of_loop_gets_a_check_and_no_line_moves()
    {
        const string code = """
            #r "nuget: Some.Package, 1.0"
            var total = 0;
            for (var i = 0; i < 3; i++)
                total += i;
            foreach (var (a, b) in new[] { (1, 2) }) { total += a + b; }
            while (total < 100) total++;
            do { total--; } while (total > 50);
            total
            """;

        var instrumented = LoopCancellation.Instrument(code);

        Assert.Equal(code.Split('\n').Length, instrumented.Split('\n').Length);
        Assert.Equal(4, CountOf(instrumented, "ThrowIfCancellationRequested()"));
        Assert.Equal(4, CountOf(instrumented, "global::Sly.Notebooks.Kernel.CellCancellation.Token"));
        Assert.StartsWith("#r \"nuget: Some.Package, 1.0\"\nvar total = 0;\n", instrumented, StringComparison.Ordinal);
        Assert.EndsWith("\ntotal", instrumented, StringComparison.Ordinal);
        var lines = instrumented.Split('\n');
        Assert.Contains("total += i;", lines[3], StringComparison.Ordinal);
        Assert.Contains("while (total < 100)", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_loops_and_loops_in_lambdas_are_each_guarded()
    {
        const string code = "var work = () => { while (true) { for (;;) { } } };";

        var instrumented = LoopCancellation.Instrument(code);

        Assert.Equal(2, CountOf(instrumented, "ThrowIfCancellationRequested()"));
        Assert.DoesNotContain('\n', instrumented);
    }

    [Fact]
    public void A_loop_that_does_not_parse_or_carries_a_label_is_left_as_written()
    {
        const string broken = "while (x { }";
        const string labelled = "outer: while (true) { break outer; }";

        Assert.Equal(broken, LoopCancellation.Instrument(broken));
        Assert.Equal(labelled, LoopCancellation.Instrument(labelled));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
