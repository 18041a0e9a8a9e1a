using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Sly.Server.Api;

namespace Sly.Server.Auth;

/// <summary>
/// Checks x-api-key against the users table. Tokens are stored only as SHA-256; the lookup is by digest and the
/// final comparison is constant-time, so timing reveals nothing about stored tokens.
/// </summary>
public sealed class ApiKeyAuthenticator(UserStore users)
{
    public AuthenticatedUser Authenticate(StringValues header)
    {
        if (header.Count != 1 || string.IsNullOrEmpty(header[0]))
            throw ApiError.Unauthorized("The x-api-key header is missing; send the API token of a user of this server");
        var token = header[0]!;
        var digest = Digest(token);
        var match = users.FindByTokenDigest(digest);
        if (match.Digest is null || !CryptographicOperations.FixedTimeEquals(match.Digest, digest))
            throw ApiError.Unauthorized("The API token in x-api-key is not valid on this server");
        return new AuthenticatedUser(match.Id, match.Login, match.Role, token);
    }

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A new random token: 48 hex characters (192 bits).</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
