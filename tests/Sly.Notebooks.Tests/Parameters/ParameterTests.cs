using Sly.Notebooks.Documents;
using Sly.Notebooks.Parameters;

namespace Sly.Notebooks.Tests.Parameters;

public sealed class ParameterTests
{
    [Theory]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("3.5", 3.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("true", "true")]
    [InlineData("cats and dogs", "cats and dogs")]
    [InlineData("", "")]
    public void Command_line_values_are_typed_like_papermill(string text, object expected)
    {
        Assert.Equal(expected, ParameterValues.Infer(text));
    }

    [Fact]
    public void None_is_null_and_big_integers_stay_integers()
    {
        Assert.Null(ParameterValues.Infer("None"));
        Assert.Equal(9_000_000_000L, ParameterValues.Infer("9000000000"));
    }

    [Fact]
    public void Assignments_split_at_the_first_equals_sign()
    {
        var parameters = ParameterValues.ParseAssignments(["prompt=a=b", "limit=10", "limit=20"]);

        Assert.Equal(["prompt", "limit"], parameters.Keys);
        Assert.Equal("a=b", parameters["prompt"]);
        Assert.Equal(20L, parameters["limit"]);
    }

    [Theory]
    [InlineData("noequals")]
    [InlineData("=value")]
    [InlineData("1abc=2")]
    [InlineData("class=2")]
    public void Bad_assignments_name_the_rule(string assignment)
    {
        var error = Assert.Throws<ArgumentException>(() => ParameterValues.ParseAssignment(assignment));

        Assert.Equal("assignment", error.ParamName);
    }

    [Fact]
    public void Values_are_written_as_csharp_like_papermills_translator()
    {
        var source = CSharpParameterTranslator.Codify(new Dictionary<string, object?>
        {
            ["text"] = "say \"hi\"\n\\ done",
            ["count"] = 5L,
            ["big"] = 3_000_000_000L,
            ["ratio"] = 0.25,
            ["whole"] = 2.0,
            ["flag"] = true,
            ["nothing"] = null,
            ["list"] = new object[] { 1, 2 },
            ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
        });

        Assert.Equal("""
            // Parameters
            var text = "say \"hi\"\n\\ done";
            var count = 5;
            var big = 3000000000L;
            var ratio = 0.25;
            var whole = 2.0;
            var flag = true;
            object nothing = null;
            var list = new [] { 1, 2 };
            var map = new Dictionary<string,Object>{ { "k", "v" } };

            """.Replace("\r\n", "\n", StringComparison.Ordinal), source);
    }

    [Fact]
    public void Unsupported_values_and_names_are_rejected()
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => CSharpParameterTranslator.Translate(new Uri("https://x"))).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => CSharpParameterTranslator.Assign("not valid", 1)).ParamName);
    }

    [Fact]
    public void The_injected_cell_goes_after_the_parameters_cell_which_keeps_its_defaults()
    {
        var notebook = TestNotebooks.Create("# intro", "var prompt = \"dog\";", "prompt");
        notebook.Elements[1].Tagged(NotebookTags.Parameters);

        var injection = ParameterInjector.Inject(notebook, new Dictionary<string, object?> { ["prompt"] = "cat" });

        Assert.Equal(2, injection.CellIndex);
        Assert.Null(injection.Warning);
        var injected = notebook.Elements[2];
        Assert.Equal(["injected-parameters"], NotebookTags.Of(injected));
        Assert.Equal("csharp", injected.KernelName);
        Assert.Equal("// Injected parameters\nvar prompt = \"cat\";\n", injected.Contents);
        Assert.Equal("var prompt = \"dog\";", notebook.Elements[1].Contents);
        Assert.Equal(["parameters"], NotebookTags.Of(notebook.Elements[1]));
        Assert.Equal("cat", ((IDictionary<string, object?>)PapermillMetadata.Of(notebook)["parameters"]!)["prompt"]);
    }

    [Fact]
    public void An_earlier_injected_cell_is_replaced_in_place()
    {
        var notebook = TestNotebooks.Create("var n = 1;", "n");
        notebook.Elements[0].Tagged(NotebookTags.Parameters);

        ParameterInjector.Inject(notebook, new Dictionary<string, object?> { ["n"] = 2L });
        var second = ParameterInjector.Inject(notebook, new Dictionary<string, object?> { ["n"] = 3L });

        Assert.Equal(3, notebook.Elements.Count);
        Assert.Equal(1, second.CellIndex);
        Assert.Single(notebook.Elements, c => NotebookTags.Has(c, NotebookTags.InjectedParameters));
        Assert.Equal("// Injected parameters\nvar n = 3;\n", notebook.Elements[1].Contents);
    }

    [Fact]
    public void Without_a_parameters_cell_the_cell_goes_on_top_with_a_warning()
    {
        var notebook = TestNotebooks.Create("1");

        var injection = ParameterInjector.Inject(notebook, new Dictionary<string, object?> { ["x"] = 1L });

        Assert.Equal(0, injection.CellIndex);
        Assert.Contains("'parameters'", injection.Warning, StringComparison.Ordinal);
        Assert.True(NotebookTags.Has(notebook.Elements[0], NotebookTags.InjectedParameters));
    }
}
