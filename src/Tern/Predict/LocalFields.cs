using System.Runtime.CompilerServices;
using Tern.Decode;

namespace Tern.Predict;

/// <summary>
/// The destination's elements of one VMSD body, found by name and array index. Devices such as ics or spapr-xive
/// have thousands of elements, so large bodies are indexed; small ones (most struct elements) are scanned. A body's
/// index is kept as long as the body lives: a destination's unchanged template sections are shared by every
/// configuration built from that template, so a batch indexes each once, not once per question.
/// </summary>
internal readonly struct LocalFields
{
    private const int ScanLimit = 16;
    private readonly IReadOnlyList<FieldValue> _fields;
    private readonly Dictionary<(string, int), FieldValue>? _index;
    private static readonly ConditionalWeakTable<VmsdValue, Dictionary<(string, int), FieldValue>> Indexes = new();

    public LocalFields(VmsdValue body)
    {
        _fields = body.Fields;
        if (_fields.Count <= ScanLimit) return;
        _index = Indexes.GetValue(body, Index);
    }

    private static Dictionary<(string, int), FieldValue> Index(VmsdValue body)
    {
        var index = new Dictionary<(string, int), FieldValue>(body.Fields.Count);
        foreach (var x in body.Fields) index.TryAdd((x.Name, x.Index ?? -1), x);
        return index;
    }

    /// <summary>The first local element with this name and index, or null.</summary>
    public FieldValue? Find(string name, int? index)
    {
        if (_index is not null) return _index.GetValueOrDefault((name, index ?? -1));
        foreach (var x in _fields)
            if (x.Name == name && x.Index == index) return x;
        return null;
    }
}
