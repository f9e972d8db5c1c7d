namespace Crm.Domain.Activity;

/// <summary>What a piece of unsolicited feedback is.</summary>
public enum FeedbackKind
{
    /// <summary>A suggestion (建议).</summary>
    Suggestion = 0,

    /// <summary>Praise (表扬).</summary>
    Praise = 1,
}
