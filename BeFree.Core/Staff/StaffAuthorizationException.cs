namespace BeFree.Core.Staff;

/// <summary>The acting staff member may not do this. The message is safe to show them.</summary>
public sealed class StaffAuthorizationException(string message) : Exception(message);

/// <summary>A request that breaks a business rule (last admin, bad input). The message is safe to show.</summary>
public sealed class StaffRuleException(string message) : Exception(message);
