namespace Tern.Lab.Installation;

/// <summary>Where the side-by-side QEMU installations live (the same rule as scripts/install-qemu-lab.sh).</summary>
public static class LabDirectory
{
    /// <summary>
    /// The default lab directory: <c>$TERN_LAB_DIR</c>, else <c>$XDG_CACHE_HOME/tern/lab</c>, else <c>~/.cache/tern/lab</c>.
    /// </summary>
    public static string Default
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("TERN_LAB_DIR");
            if (!string.IsNullOrEmpty(dir)) return dir;
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "tern", "lab");
        }
    }

    /// <summary>Returns <paramref name="labDir"/> when given, else <see cref="Default"/>.</summary>
    public static string Resolve(string? labDir) => string.IsNullOrEmpty(labDir) ? Default : Path.GetFullPath(labDir);

    /// <summary>Finds the repository's <c>scripts/install-qemu-lab.sh</c> by walking up from <paramref name="start"/> (default: the application's directory, then the current directory).</summary>
    public static string? FindInstallerScript(string? start = null)
    {
        foreach (var origin in new[] { start, AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            if (string.IsNullOrEmpty(origin)) continue;
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scripts", "install-qemu-lab.sh");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
