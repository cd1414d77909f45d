using Tern.Platforms;

namespace Tern.Cli.Commands;

/// <summary>
/// <c>--source-cmdline FILE</c> / <c>--destination-cmdline FILE</c>: a VM's whole command line from a libvirt-style
/// <c>.args</c> file or a copy of <c>/proc/PID/cmdline</c>, made into a spec. The QEMU build is the one
/// <c>--source</c>/<c>--destination</c> names (a label), else the file's own program when that binary is on this
/// machine (profiled once, as a spec naming a binary is).
/// </summary>
internal static class CommandLineSpecs
{
    /// <summary>The spec for one end: <paramref name="spec"/> unchanged without a file; else the build's label or binary and the file's options.</summary>
    /// <exception cref="FormatException">The file is not a command line (the message names it).</exception>
    public static string? Compose(string? spec, string? file, string side)
    {
        if (file is null) return spec;
        var line = CommandLineFile.Read(file);
        var options = string.Join(' ', line.Arguments.Select(Quote));
        if (spec is not null)
        {
            var words = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 1)
                throw new UsageException($"--{side}-cmdline takes the options from {file}: give --{side} as a QEMU label only (e.g. qemu-10.0.13), not '{spec}'");
            return $"{words[0]} {options}";
        }
        if (line.Program is { } program && File.Exists(program)) return $"{program} {options}";
        throw new UsageException($"{file}: its program {line.Program ?? "(none)"} is not on this machine; name its QEMU build with --{side} qemu-VERSION");
    }

    // HostSpecParser's tokenizer reads single quotes; a quote inside an argument is written as a double-quoted part.
    private static string Quote(string a) =>
        a.Length > 0 && !a.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? a
        : a.Contains('\'', StringComparison.Ordinal) ? "\"" + a + "\"" : "'" + a + "'";
}
