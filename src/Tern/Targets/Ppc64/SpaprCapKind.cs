namespace Tern.Targets.Ppc64;

/// <summary>How a spapr cap's value is written.</summary>
public enum SpaprCapKind
{
    /// <summary>on/off.</summary>
    Bool,
    /// <summary>broken/workaround/fixed.</summary>
    Tristate,
    /// <summary>broken/workaround/fixed-ibs/fixed-ccd/fixed-na.</summary>
    Ibs,
    /// <summary>A page size, stored as its log2.</summary>
    PageSize,
}
