using System.Text;

namespace Tern.Platforms;

/// <summary>
/// Reads a QEMU command line saved to a file, in either of the two shapes hosts keep them:
/// <list type="bullet">
/// <item>a libvirt <c>.args</c> file (what <c>virsh domxml-to-native</c> and libvirt's test data hold): leading
/// <c>NAME=value</c> environment assignments, the program path, then the arguments, one per line joined by
/// backslash-newline continuations, with shell quoting as libvirt writes it (single quotes, <c>'\''</c> for a quote
/// inside them); double quotes and backslash escapes are read as a POSIX shell reads them;</item>
/// <item>a copy of <c>/proc/PID/cmdline</c>: the argv strings separated (and ended) by NUL bytes, unquoted.</item>
/// </list>
/// A file that holds a NUL byte is read as the second shape, any other as the first.
/// </summary>
public static class CommandLineFile
{
    /// <summary>The largest file read (a real command line is a few KB; libvirt's longest test file is under 64 KB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads <paramref name="path"/>; <see cref="FormatException"/> naming the file when it is not a command line.</summary>
    public static QemuCommandLine Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such file", path);
        if (info.Length > MaxBytes) throw new FormatException($"{path}: {info.Length} bytes is larger than a command line ({MaxBytes} bytes at most)");
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses the bytes of a file (UTF-8).</summary>
    public static QemuCommandLine Parse(ReadOnlySpan<byte> content) =>
        content.Contains((byte)0) ? FromArgv(SplitNul(content)) : Parse(Encoding.UTF8.GetString(content));

    /// <summary>Parses the text of a libvirt-style <c>.args</c> file (or any shell-quoted command line).</summary>
    public static QemuCommandLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal)) return FromArgv(text.Split('\0').SkipLast(text.EndsWith('\0') ? 1 : 0).ToList());
        return FromWords(ShellWords.Split(text));
    }

    private static List<string> SplitNul(ReadOnlySpan<byte> content)
    {
        var list = new List<string>();
        foreach (var range in content.Split((byte)0)) list.Add(Encoding.UTF8.GetString(content[range]));
        // /proc/PID/cmdline ends with a NUL: the empty string after it is not an argument.
        if (list.Count > 0 && list[^1].Length == 0) list.RemoveAt(list.Count - 1);
        return list;
    }

    // /proc/PID/cmdline: argv[0] is the program; there is no environment in it.
    private static QemuCommandLine FromArgv(List<string> argv)
    {
        if (argv.Count == 0) throw new FormatException("empty command line");
        return argv[0].StartsWith('-') ? new QemuCommandLine([], null, argv) : new QemuCommandLine([], argv[0], argv.Skip(1).ToList());
    }

    private static QemuCommandLine FromWords(List<ShellWords.Word> words)
    {
        if (words.Count == 0) throw new FormatException("empty command line");
        var env = new List<KeyValuePair<string, string>>();
        var i = 0;
        for (; i < words.Count && words[i].Assignment is { } eq; i++) env.Add(new(words[i].Text[..eq], words[i].Text[(eq + 1)..]));
        if (i == words.Count) throw new FormatException("only environment assignments, no program or options");
        string? program = null;
        if (!words[i].Text.StartsWith('-')) program = words[i++].Text;
        return new QemuCommandLine(env, program, words.Skip(i).Select(w => w.Text).ToList());
    }
}
