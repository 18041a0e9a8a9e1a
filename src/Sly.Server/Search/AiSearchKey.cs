using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sly.Server.Search;

/// <summary>
/// The key of a user's AI-search collection in a project, computed as the reference embeddings generator does:
/// hex md5 of Python's json.dumps({"project_id": P, "user_token": T}, sort_keys=True) — so one collection per user
/// and project, and the same key a real instance would use for the same token.
/// </summary>
public static class AiSearchKey
{
    public static string For(long projectId, string userToken)
    {
        var json = "{\"project_id\": " + projectId.ToString(CultureInfo.InvariantCulture) + ", \"user_token\": " + PythonJsonString(userToken) + "}";
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>A string as Python's json.dumps writes it with its defaults (ensure_ascii=True).</summary>
    public static string PythonJsonString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
