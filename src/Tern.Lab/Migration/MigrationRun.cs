using Tern.Lab.Installation;
using Tern.Lab.Processes;

namespace Tern.Lab.Migration;

/// <summary>
/// Runs a real migration between two lab QEMUs exactly as tests/fixtures/README.md describes: both sides
/// paused (<c>-S</c>), the destination started with <c>-incoming defer</c> and fed with <c>migrate-incoming</c>;
/// the source's <c>migrate</c> polled with <c>query-migrate</c> until <c>completed</c>. The destination either completes
/// or exits 1 with the reason on stderr (or dies by a signal). Optionally the loaded destination migrates back
/// into a fresh process of the source's version (the <c>back</c> hop).
/// </summary>
public static class MigrationRun
{
    /// <summary>Runs the forward hop and, when <see cref="MigrationRunOptions.BackHop"/> is set and the forward hop succeeded, the back hop.</summary>
    public static async Task<MigrationRunResult> RunAsync(MigrationSide source, MigrationSide destination, MigrationRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        QemuInstallation srcInst, dstInst;
        try
        {
            srcInst = options.Installations?.GetValueOrDefault(source.Qemu) ?? QemuInstallation.Find(options.LabDir, source.Qemu);
            dstInst = options.Installations?.GetValueOrDefault(destination.Qemu) ?? QemuInstallation.Find(options.LabDir, destination.Qemu);
            srcInst.BinaryFor(options.Arch);
            dstInst.BinaryFor(options.Arch);
        }
        catch (LabException e)
        {
            return new MigrationRunResult(ErrorHop("forward", source, destination, options, e.Message), null);
        }
        var ownWork = options.WorkDirectory is null;
        var work = options.WorkDirectory ?? LabProcessRegistry.CreateOwnedTempDirectory("mig").FullName;
        Directory.CreateDirectory(work);
        QemuProcess? liveDestination = null;
        try
        {
            var (forward, live) = await new MigrationHop("forward", null, srcInst, dstInst, source, destination, options, work, keepDestination: options.BackHop, options.DuringLoad).RunAsync(cancellationToken).ConfigureAwait(false);
            liveDestination = live;
            if (live is null) return new MigrationRunResult(forward, null);
            var (back, _) = await new MigrationHop("back", live, dstInst, srcInst, destination, source, options, work, keepDestination: false, null).RunAsync(cancellationToken).ConfigureAwait(false);
            var fwdExit = await live.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            forward = forward with { Exit = fwdExit.Recorded, DestinationExit = fwdExit.Recorded };
            back = back with { SourceExit = fwdExit.Recorded };
            return new MigrationRunResult(forward, back);
        }
        finally
        {
            if (liveDestination is not null) await liveDestination.DisposeAsync().ConfigureAwait(false);
            if (ownWork)
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    private static MigrationHopResult ErrorHop(string hop, MigrationSide source, MigrationSide destination, MigrationRunOptions options, string error) => new()
    {
        Hop = hop,
        Source = source,
        Destination = destination,
        Transport = options.Transport,
        Outcome = MigrationOutcome.Error,
        LabError = error,
        Timings = new MigrationTimings(0, 0, 0, 0, 0, 0),
    };
}
