namespace Crm.Report.Cli;

internal static class Messages
{
    /// <summary>The rule an <see cref="ArgumentException"/> states, without the " (Parameter 'x')" and "Actual value was" tails.</summary>
    public static string Reason(ArgumentException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline >= 0 ? message[..newline] : message).TrimEnd();
    }
}
