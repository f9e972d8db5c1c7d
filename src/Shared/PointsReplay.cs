// Compiled into each package (each gets its own internal copy): the domain's points ledger and the metrics'
// loyalty programme family run the same replay.
#pragma warning disable IDE0130 // the namespace is each package's own
namespace Crm.Internal;

/// <summary>Told each change of a points balance as a replay finds it.</summary>
internal interface IPointsSink
{
    /// <summary>One movement: when (Unix ticks), its kind (the <c>PointsEntryKind</c> value), the signed points, the balance after, whether the expiry policy applied it.</summary>
    void Movement(long ticks, int kind, long points, long balance, bool automatic);
}

/// <summary>
/// A points ledger's replay: credits open lots, debits take from the oldest open lots, and under an expiry policy
/// what is left of a lot expires <c>months</c> calendar months (UTC) after it was credited — gone for entries at
/// that very instant. Lots that expire at one instant expire as one movement.
/// </summary>
internal static class PointsReplay
{
    /// <summary>The <c>PointsEntryKind.Expire</c> value, the kind of an automatic expiry.</summary>
    public const int ExpireKind = 3;

    /// <summary>
    /// Replays <paramref name="steps"/> (in ledger order: by instant, credits before debits at one instant) up to
    /// <paramref name="endTicks"/> (exclusive), telling <paramref name="sink"/> each movement.
    /// </summary>
    /// <returns>The index of the first debit the balance cannot cover (the replay stops there), or −1.</returns>
    public static int Run<TSink>(ReadOnlySpan<(long Ticks, long Signed, int Kind)> steps, int? months, long endTicks, ref TSink sink, out long shortfall, List<(long Expires, long Left)> lots)
        where TSink : struct, IPointsSink
    {
        lots.Clear();
        var head = 0;
        var balance = 0L;
        shortfall = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            var (ticks, signed, kind) = steps[i];
            if (ticks >= endTicks)
            {
                break;
            }

            balance = Expire(lots, ref head, balance, ticks, inclusive: true, ref sink);
            if (signed > 0)
            {
                lots.Add((months is { } m ? ExpiryTicks(ticks, m) : long.MaxValue, signed));
                balance += signed;
            }
            else
            {
                var due = -signed;
                if (due > balance)
                {
                    shortfall = due - balance;
                    return i;
                }

                balance -= due;
                while (due > 0)
                {
                    var (expires, left) = lots[head];
                    var taken = Math.Min(left, due);
                    due -= taken;
                    if (taken == left)
                    {
                        head++;
                    }
                    else
                    {
                        lots[head] = (expires, left - taken);
                    }
                }
            }

            sink.Movement(ticks, kind, signed, balance, false);
        }

        Expire(lots, ref head, balance, endTicks, inclusive: false, ref sink);
        return -1;
    }

    /// <summary>
    /// When points credited at <paramref name="ticks"/> expire: <paramref name="months"/> calendar months later on the
    /// UTC calendar; never (the largest value) when that is past the year 9999.
    /// </summary>
    public static long ExpiryTicks(long ticks, int months)
    {
        var local = NodaTime.Instant.FromUnixTimeTicks(ticks).InUtc().LocalDateTime;
        return local.Year > 9999 - (months / 12) - 1 ? long.MaxValue : local.PlusMonths(months).InUtc().ToInstant().ToUnixTimeTicks();
    }

    private static long Expire<TSink>(List<(long Expires, long Left)> lots, ref int head, long balance, long until, bool inclusive, ref TSink sink)
        where TSink : struct, IPointsSink
    {
        while (head < lots.Count && lots[head].Expires is var expires && expires != long.MaxValue && (expires < until || (inclusive && expires == until)))
        {
            var gone = 0L;
            while (head < lots.Count && lots[head].Expires == expires)
            {
                gone += lots[head].Left;
                head++;
            }

            balance -= gone;
            sink.Movement(expires, ExpireKind, -gone, balance, true);
        }

        return balance;
    }
}
