using Tern.Decode;
using Tern.Schema;
using Tern.Wire;

namespace Tern.Fuzz;

/// <summary>Runs a target with its contract: Tern's own errors are clean outcomes, anything else escapes.</summary>
public static class FuzzHarness
{
    /// <summary>
    /// Runs <paramref name="target"/> on <paramref name="input"/>. Returns null on success, or the Tern error that
    /// refused the input; any other exception propagates (AFL records it as a crash, a test fails on it).
    /// </summary>
    public static Exception? Run(IFuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        Warm();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Exception? refused = null;
        try
        {
            target.Execute(input);
        }
        catch (Exception e) when (target.IsOwnError(e))
        {
            refused = e;
        }
        // An allocation out of proportion to the input means a length or count was trusted before it was checked.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var budget = AllocationBaseBytes + AllocationPerInputByte * (long)input.Length;
        if (allocated > budget)
            throw new FuzzContractException($"{target.Name}: allocated {allocated} bytes for a {input.Length}-byte input (budget {budget})");
        return refused;
    }

    /// <summary>Allocation every run may make regardless of input size (reader buffers, diff tables).</summary>
    public const long AllocationBaseBytes = 64L << 20;

    /// <summary>Allocation allowed per input byte (a decoded tree is a few dozen times its bytes).</summary>
    public const long AllocationPerInputByte = 1024;

    /// <summary>Loads what targets share once per process (the reference dump, the rename rules), so a run's allocations are its own.</summary>
    public static void Warm()
    {
        _ = ReferenceSchema.Schema;
        _ = Tern.Schema.Diff.RenameRuleSet.Default;
    }

    /// <summary>The errors every binary door may raise: bad stream bytes, a bad schema, a body that does not match its description.</summary>
    public static bool IsReaderError(Exception error) =>
        error is MigrationStreamException or SchemaException or VmStateDecodeException;
}
