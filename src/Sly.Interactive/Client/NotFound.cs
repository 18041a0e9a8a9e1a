using System.Net;

namespace Sly.Interactive.Client;

/// <summary>The SDK's *.info convention: a 404 means "no such entity" and becomes null.</summary>
internal static class NotFound
{
    public static async Task<T?> AsNullAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (SlyApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
