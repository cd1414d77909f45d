using System.Text;

namespace Tern.Schema;

/// <summary>
/// A JSON path built link by link while a document is read, and turned into text (<c>$.dev.Fields[3]</c>) only when
/// an error needs it, so reading a large dump allocates no path strings.
/// </summary>
internal sealed class JsonPathNode
{
    private readonly JsonPathNode? _parent;
    private readonly string? _property;
    private readonly int _index;

    private JsonPathNode(JsonPathNode? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    /// <summary>The document root, <c>$</c>.</summary>
    public static JsonPathNode Root { get; } = new(null, null, -1);

    /// <summary>A property of this node.</summary>
    public JsonPathNode Property(string name) => new(this, name, -1);

    /// <summary>An array element of this node.</summary>
    public JsonPathNode Index(int index) => new(this, null, index);

    /// <summary>The path with one more property, as text.</summary>
    public string With(string property) => ToString() + JsonErrorLocator.Property(property);

    public override string ToString()
    {
        var parts = new Stack<JsonPathNode>();
        for (var n = this; n._parent is not null; n = n._parent) parts.Push(n);
        var sb = new StringBuilder("$");
        foreach (var n in parts)
        {
            if (n._property is not null) sb.Append(JsonErrorLocator.Property(n._property));
            else sb.Append('[').Append(n._index).Append(']');
        }
        return sb.ToString();
    }
}
