namespace Resilient.Http;

/// <summary>
/// Recognises <c>http://name</c> and <c>https://name</c> (optionally with a port, then a path, query or fragment) in a
/// URI's original string without parsing the URI. Only a positive answer is trusted: a string it does not recognise
/// may still name the host in another spelling, which the parsed <see cref="Uri.Host"/> decides.
/// </summary>
internal static class LogicalHost
{
    /// <summary>
    /// Whether <paramref name="name"/> starts with a letter and is made of letters, digits, dots and hyphens only, so
    /// a prefix match of the string means a host match. A name starting with a digit could be an IPv4 address in a
    /// spelling the parser rewrites (<c>010.0.0.1</c>, <c>0x0a.0.0.1</c>), so it is left to the parser.
    /// </summary>
    public static bool IsPlainHostName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="original"/> is an http(s) URI whose authority is exactly <paramref name="name"/>, with an optional numeric port.</summary>
    public static bool Names(string original, string name)
    {
        var rest = original.AsSpan();
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[7..];
        }
        else if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[8..];
        }
        else
        {
            return false;
        }

        if (!rest.StartsWith(name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest[name.Length..];
        if (rest.IsEmpty || rest[0] is '/' or '?' or '#')
        {
            return true;
        }

        if (rest[0] != ':')
        {
            return false;
        }

        // A port: digits up to the end of the authority. Anything else (user info such as "name:secret@other") is
        // left to the parser.
        var end = rest.IndexOfAny('/', '?', '#');
        var port = end < 0 ? rest[1..] : rest[1..end];
        return !port.IsEmpty && !port.ContainsAnyExceptInRange('0', '9');
    }
}
