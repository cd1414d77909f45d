namespace Tern.Wire;

/// <summary>
/// What frames one stream's records: the target page size (RAM records) and the vmdesc (device bodies). Each comes
/// from the first source that says: the options, the configuration's target-page-bits, the trailer found ahead
/// (<see cref="VmDescriptionTail"/>), or for the vmdesc the trailer read at the end.
/// </summary>
internal sealed class StreamFraming
{
    private readonly StreamFeeder _feeder;
    private readonly MigrationStreamReaderOptions _options;
    private bool _searched;
    private bool _pageSizeKnown;

    public StreamFraming(StreamFeeder feeder, MigrationStreamReaderOptions options)
    {
        _feeder = feeder;
        _options = options;
        VmDescription = options.VmDescription;
        PageSize = VmDescription?.PageSize ?? options.DefaultPageSize;
        _pageSizeKnown = VmDescription is not null;
    }

    /// <summary>The vmdesc in use, or null while none is known.</summary>
    public VmDescription? VmDescription { get; private set; }

    /// <summary>The target page size in use.</summary>
    public int PageSize { get; private set; }

    /// <summary>After the file header: a seekable input's trailer is read up front.</summary>
    public void AtFileHeader()
    {
        if (VmDescription is null && _feeder.CanSeek) Locate();
    }

    /// <summary>The configuration's <c>target-page-bits</c>, which wins over the vmdesc's page size.</summary>
    public void UsePageBits(int bits)
    {
        PageSize = 1 << bits;
        _pageSizeKnown = true;
    }

    /// <summary>At a RAM section: the page size must be known before its first record splits addr and flags.</summary>
    public void AtRamSection()
    {
        if (!_pageSizeKnown && VmDescription is null && !_searched && _feeder.CanSeek) Locate();
    }

    /// <summary>The body length of a device section whose body starts at the next unread byte (the trailer is looked for first).</summary>
    public long DeviceBodyLength(in SectionHeader header, RecordInput input)
    {
        if (VmDescription is null && !_searched) Locate();
        return DeviceBodyFraming.BodyLength(header, VmDescription, _options.Framer, input, _options.MaxRecordBytes);
    }

    /// <summary>The trailer read after EOF, when none was known; the page size stays as it is.</summary>
    public void UseTrailer(VmDescription vmdesc) => VmDescription = vmdesc;

    private void Locate()
    {
        _searched = true;
        if (VmDescriptionTail.Locate(_feeder, _options.MaxRecordBytes) is not { } found) return;
        VmDescription = found;
        if (_pageSizeKnown) return;
        PageSize = found.PageSize;
        _pageSizeKnown = true;
    }
}
