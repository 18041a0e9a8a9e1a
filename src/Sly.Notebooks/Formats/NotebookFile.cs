using System.Text;

namespace Sly.Notebooks;

/// <summary>Reads and writes notebook files, choosing the format by extension: <c>.ipynb</c> or <c>.dib</c>.</summary>
public static class NotebookFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads an .ipynb or .dib file.</summary>
    /// <exception cref="ArgumentException">The extension is neither .ipynb nor .dib.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file's content is not a valid notebook.</exception>
    public static Notebook Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = FormatOf(path, nameof(path));
        if (!File.Exists(path))
            throw new FileNotFoundException($"Notebook '{path}' does not exist.", path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        return format == ".dib" ? DibFormat.Parse(text, path) : IpynbFormat.Parse(text, path);
    }

    /// <summary>
    /// Writes a notebook as .ipynb or .dib (outputs are dropped in a .dib). The file is written next to the target and
    /// then moved over it, so a crash never leaves half a notebook.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .ipynb nor .dib.</exception>
    public static void Write(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = FormatOf(path, nameof(path));
        var text = format == ".dib" ? DibFormat.Serialize(notebook) : IpynbFormat.Serialize(notebook);
        WriteAtomically(path, text);
    }

    /// <summary>Writes text to a file through a temporary file in the same folder and a move.</summary>
    internal static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static string FormatOf(string path, string parameterName)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".ipynb" or ".dib"
            ? extension
            : throw new ArgumentException($"A notebook file ends in .ipynb or .dib, not '{extension}' ({path}).", parameterName);
    }
}
