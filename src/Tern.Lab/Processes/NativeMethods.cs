using System.Runtime.InteropServices;

namespace Tern.Lab.Processes;

/// <summary>libc calls .NET does not expose: sending an arbitrary signal.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
