namespace Tern.Schema.Diff;

/// <summary>
/// Walks one side's gated fields, able to step into a struct field whose children line up with the other side
/// (fields moved into or out of a substruct keep the wire unchanged) and back out when the struct ends.
/// </summary>
internal sealed class FieldCursor
{
    private sealed class Frame(List<GatedField> items, List<GatedField> excluded, GatedField? structField)
    {
        public List<GatedField> Items { get; } = items;
        public List<GatedField> Excluded { get; } = excluded;
        public GatedField? StructField { get; } = structField;
        public int Index { get; set; }
    }

    private readonly Stack<Frame> _frames = new();
    private readonly Action<GatedField>? _onStructExit;

    public FieldCursor(List<GatedField> items, List<GatedField> excluded, Action<GatedField>? onStructExit = null)
    {
        _frames.Push(new Frame(items, excluded, null));
        _onStructExit = onStructExit;
    }

    /// <summary>The current field, or null when every frame is done.</summary>
    public GatedField? Peek()
    {
        while (true)
        {
            var top = _frames.Peek();
            if (top.Index < top.Items.Count) return top.Items[top.Index];
            if (_frames.Count == 1) return null;
            _frames.Pop();
            if (top.StructField is not null) _onStructExit?.Invoke(top.StructField);
        }
    }

    /// <summary>Moves past the current field.</summary>
    public void Advance() => _frames.Peek().Index++;

    /// <summary>Consumes the current (struct) field and continues with its children.</summary>
    public void Descend(GatedField structField, List<GatedField> children, List<GatedField> excluded)
    {
        Advance();
        _frames.Push(new Frame(children, excluded, structField));
    }

    /// <summary>The fields after the current one in the current frame, at most <paramref name="max"/>.</summary>
    public IEnumerable<GatedField> Ahead(int max)
    {
        var top = _frames.Peek();
        for (var i = top.Index + 1; i < top.Items.Count && i <= top.Index + max; i++) yield return top.Items[i];
    }

    /// <summary>The fields of the current frame's VMSD that its version gate left out.</summary>
    public IReadOnlyList<GatedField> Excluded => _frames.Peek().Excluded;
}
