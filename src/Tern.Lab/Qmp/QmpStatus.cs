namespace Tern.Lab.Qmp;

/// <summary>The answer to <c>query-status</c>.</summary>
/// <param name="Status">The run state (<c>prelaunch</c>, <c>inmigrate</c>, <c>paused</c>, <c>postmigrate</c>, <c>running</c>, ...).</param>
/// <param name="Running">Whether vCPUs run.</param>
public sealed record QmpStatus(string Status, bool Running);
