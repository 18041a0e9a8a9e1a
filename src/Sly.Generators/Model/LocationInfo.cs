using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Sly.Generators.Model;

/// <summary>A place in a spec file, kept as plain values so it can travel through the pipeline.</summary>
internal sealed record LocationInfo(string Path, int Line, int Column)
{
    public Location ToLocation()
    {
        var position = new LinePosition(Line < 0 ? 0 : Line, Column < 0 ? 0 : Column);
        return Location.Create(Path, new TextSpan(0, 0), new LinePositionSpan(position, position));
    }
}
