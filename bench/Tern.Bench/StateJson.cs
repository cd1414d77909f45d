using Tern.Cli.Reports;
using Tern.Wire;

namespace Tern.Bench;

/// <summary>What InspectCommand.State (<c>inspect --json</c>) does, with the CLI's own writer.</summary>
internal static class StateJson
{
    /// <summary>Reads the whole stream and writes its state JSON to <paramref name="output"/>; returns the bytes written.</summary>
    public static long Write(MigrationStreamReader reader, Stream output)
    {
        using var _ = reader;
        var start = output.CanSeek ? output.Position : 0;
        using (var buffered = new BufferedStream(output, 1 << 16))
        {
            using (var state = new StateJsonWriter(buffered))
            {
                state.WriteAll(reader);
            }
            buffered.Flush();
            return output.CanSeek ? output.Position - start : output.Length;
        }
    }
}
