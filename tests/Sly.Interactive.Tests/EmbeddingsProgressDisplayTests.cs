using Sly.Interactive.Projects;

namespace Sly.Interactive.Tests;

public sealed class EmbeddingsProgressDisplayTests
{
    [Fact]
    public void Progress_reads_as_counts_rate_and_time_left_in_html_and_on_the_console()
    {
        var running = new EmbeddingsProgress(1, true, 60, 120, 2, 12.5, TimeSpan.FromSeconds(5));
        Assert.Equal("62/120 images (52%), 2 failed, 12.5 img/s, ~00:05 left", running.ToString());

        var html = EmbeddingsProgressDisplay.Html(running);
        Assert.Contains("width:51.7%", html);
        Assert.Contains("Embedding: 62/120 images", html);

        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            var display = EmbeddingsProgressDisplay.Console();
            display.Report(running);
            display.Report(running with { InProgress = false, Done = 118 });
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Contains("[################--------------] 62/120", console.ToString());
        Assert.Contains("[##############################] 120/120", console.ToString());
    }
}
