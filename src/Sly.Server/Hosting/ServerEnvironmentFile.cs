namespace Sly.Server.Hosting;

/// <summary>
/// supervisely.env in the data folder: SERVER_ADDRESS and API_TOKEN, the two settings the Python SDK and the kit read,
/// so a notebook can find a local server the same way it finds ~/supervisely.env.
/// </summary>
public static class ServerEnvironmentFile
{
    public const string FileName = "supervisely.env";

    public static string Write(string dataDirectory, Uri address, string token)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, $"SERVER_ADDRESS={address.GetLeftPart(UriPartial.Authority)}\nAPI_TOKEN={token}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
