using System.Text;

namespace Tern.Wire;

/// <summary>
/// Names on the wire (idstrs, RAM block ids, subsection names). They are kept as strings and written back from them,
/// so bytes that are not UTF-8 would not survive a round trip: they are refused (QEMU's names are ASCII; QEMU itself
/// would fail the lookup of such a section or block).
/// </summary>
internal static class WireName
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; false when they are not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string name)
    {
        try
        {
            name = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>The message for a name that is not UTF-8: <paramref name="what"/> and its first 32 bytes in hex.</summary>
    public static string NotUtf8(ReadOnlySpan<byte> bytes, string what) =>
        $"{what} is not valid UTF-8 ({Convert.ToHexString(bytes[..Math.Min(bytes.Length, 32)])}{(bytes.Length > 32 ? "…" : "")})";
}
