using Tern.Lab.Installation;

namespace Tern.Lab.Tests;

/// <summary>
/// The real QEMU lab the tests run against. A missing lab is a failure with the fix, never a silent pass.
/// </summary>
public static class LabFixture
{
    /// <summary>The versions the tests need (the fixtures' labels).</summary>
    public static readonly string[] Labels = ["5.2", "7.2", "10.0.2", "10.0.13"];

    /// <summary>The lab directory (TERN_LAB_DIR or ~/.cache/tern/lab).</summary>
    public static string LabDir => LabDirectory.Default;

    /// <summary>Fails the test with instructions when a needed version is missing.</summary>
    public static string Require(params string[] labels)
    {
        var dir = LabDir;
        var missing = (labels.Length == 0 ? Labels : labels)
            .Where(l => !File.Exists(Path.Combine(dir, l, QemuInstallation.DescriptionFileName))).ToList();
        if (missing.Count > 0)
            Assert.Fail($"The QEMU lab is missing {string.Join(", ", missing)} under {dir}. " +
                "Run scripts/install-qemu-lab.sh bullseye bookworm bookworm-backports trixie (as root on Debian) " +
                "or 'tern lab install ...'; these tests need real QEMU and never pass without it.");
        return dir;
    }

    /// <summary>The repository's tests/fixtures directory (copied next to the test assembly).</summary>
    public static string FixturesDir => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>A fresh temporary directory.</summary>
    public static string TempDir(string prefix) => Directory.CreateTempSubdirectory("tern-lab-test-" + prefix + "-").FullName;
}
