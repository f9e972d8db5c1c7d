using System.Globalization;

namespace Crm.Metrics.Internal;

/// <summary>
/// Checks for result constructors that also read JSON documents back (see <c>CrmJson</c>): a document may have been
/// edited or written by another program, so a missing list, a negative count, a wrong length or a reason that does
/// not follow from the counts is an <see cref="ArgumentException"/> naming the member by its JSON name.
/// </summary>
internal static class ReadBack
{
    /// <summary>A not-null reference, or <see cref="ArgumentNullException"/> naming <paramref name="member"/>.</summary>
    public static T Present<T>(T? value, string member)
        where T : class =>
        value ?? throw new ArgumentNullException(member, $"The result's \"{member}\" is missing.");

    /// <summary>A count that is not negative.</summary>
    public static long Count(long value, string member) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(member, value, $"The result's \"{member}\" is a count; it cannot be negative.");

    /// <summary>A copy of a list of <paramref name="length"/> counts, none negative.</summary>
    public static long[] Counts(IReadOnlyList<long>? values, int length, string member)
    {
        Present(values, member);
        if (values!.Count != length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The result's \"{member}\" has {values.Count} entries; it has {length}."), member);
        }

        var copy = new long[length];
        for (var i = 0; i < length; i++)
        {
            copy[i] = values[i] >= 0
                ? values[i]
                : throw new ArgumentOutOfRangeException(member, values[i], string.Create(CultureInfo.InvariantCulture, $"The result's \"{member}\"[{i}] is a count; it cannot be negative."));
        }

        return copy;
    }

    /// <summary>
    /// Checks that the reason a document gives is the one its counts imply (both <c>null</c>, or the same text): a
    /// defined figure has no reason, and an undefined one keeps the reason it was written with.
    /// </summary>
    public static void SameReason(string? implied, string? given, string member)
    {
        if (!string.Equals(implied, given, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                implied is null
                    ? $"The result's \"{member}\" is given, but its counts define the figure."
                    : $"The result's \"{member}\" does not match its counts, which leave the figure undefined.",
                member);
        }
    }
}
