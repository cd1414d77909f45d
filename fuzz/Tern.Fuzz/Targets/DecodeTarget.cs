using Tern.Decode;
using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>
/// The decoder <c>tern check</c> reads device state with: every device section decoded with the stream's own vmdesc,
/// then encoded back, which must give the body's bytes again (decoder and encoder share one table). <c>inspect
/// --json</c> writes bodies with its own walk over the same checks (<c>Decode/BodyChecks</c>), bounded by
/// <c>StateJsonBoundTests</c>.
/// </summary>
public sealed class DecodeTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "decode";

    /// <inheritdoc/>
    public string Description => "vmdesc-driven decode of every device section, and encode back";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new MigrationStreamReader(new MemoryStream(input, writable: false), ReaderSettings.Create());
        DecodeAll(reader, null);
    }

    /// <summary>Decodes every device section the reader's vmdesc (or else <paramref name="framed"/>) describes.</summary>
    internal static void DecodeAll(MigrationStreamReader reader, Func<SectionHeader, VmDescriptionDevice?>? framed)
    {
        while (reader.Read())
        {
            if (reader.Kind != MigrationRecordKind.DeviceState) continue;
            var section = reader.Section;
            var device = reader.VmDescription?.Find(section.IdStr, section.InstanceId) ?? framed?.Invoke(section);
            if (device is null || device.IsLegacy) continue; // legacy sections are opaque bytes
            var body = reader.GetPayload();
            var state = VmStateDecoder.DecodeDevice(device, section, body, reader.RecordOffset);
            var again = VmStateEncoder.Encode(state.Body);
            if (!body.SequenceEqual(again))
                throw new FuzzContractException($"section {section.DisplayName}: decode then encode gives {again.Length} bytes that differ from the {body.Length}-byte body");
        }
    }

    /// <inheritdoc/>
    public bool IsOwnError(Exception error) => FuzzHarness.IsReaderError(error);
}
