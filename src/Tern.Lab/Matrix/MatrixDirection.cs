namespace Tern.Lab.Matrix;

/// <summary>Which version pairs a matrix includes (versions ordered oldest first).</summary>
[Flags]
public enum MatrixDirection
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary><c>n-1-&gt;n</c>: each version to the next newer one.</summary>
    Upgrade = 1,
    /// <summary><c>n-&gt;n-1</c>: each version to the next older one.</summary>
    Downgrade = 2,
    /// <summary><c>all</c>: every ordered pair of different versions.</summary>
    AllPairs = 4,
    /// <summary><c>same</c>: each version to itself.</summary>
    Same = 8,
    /// <summary><c>forward</c>: every pair older → newer (not only adjacent ones).</summary>
    Forward = 16,
    /// <summary><c>backward</c>: every pair newer → older.</summary>
    Backward = 32,
}
