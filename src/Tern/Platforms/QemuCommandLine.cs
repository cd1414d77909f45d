namespace Tern.Platforms;

/// <summary>
/// A QEMU command line as read from a file (<see cref="CommandLineFile"/>): the environment assignments in front of
/// it, the program, and the arguments after the program (what <see cref="HostSpecParser.FromArguments"/> takes).
/// </summary>
/// <param name="Environment">Leading <c>NAME=value</c> assignments, in order (a libvirt <c>.args</c> file starts with them).</param>
/// <param name="Program">The program path (<c>/usr/bin/qemu-system-ppc64</c>), or null when the file starts with an option.</param>
/// <param name="Arguments">The arguments after the program, unquoted.</param>
public sealed record QemuCommandLine(
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? Program,
    IReadOnlyList<string> Arguments);
