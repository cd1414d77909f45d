using System.Runtime;

namespace Tern.Cli;

/// <summary>
/// Reserves heap for a short command so that no garbage collection runs while it builds its models and exits.
/// Verbs such as diff and check allocate a few tens of MB and then end; a compacting GC of that was a quarter to
/// a half of their time. When the runtime refuses the reservation the command simply runs with ordinary GC.
/// </summary>
internal sealed class HeapReservation : IDisposable
{
    private readonly bool _active;

    private HeapReservation(bool active) => _active = active;

    /// <summary>Reserves <paramref name="bytes"/> (clamped to 48–240 MB), or nothing when a reservation is already active.</summary>
    public static HeapReservation Reserve(long bytes)
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return new HeapReservation(false);
        try
        {
            return new HeapReservation(GC.TryStartNoGCRegion(Math.Clamp(bytes, 48L << 20, 240L << 20)));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return new HeapReservation(false);
        }
    }

    /// <summary>Ends the reservation if it is still in force.</summary>
    public void Dispose()
    {
        if (!_active) return;
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // the region already ended (more was allocated than reserved): nothing to undo
        }
    }
}
