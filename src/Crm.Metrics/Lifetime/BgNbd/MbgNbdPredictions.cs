using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// MBG/NBD predictions (Batislam, Denizel &amp; Filiztekin 2007) at parameters (r, α, a, b), in the time unit the
/// parameters were fitted in. A customer may drop out at the first purchase too, so a customer alive after x repeat
/// purchases has survived x + 1 chances: p | alive ~ Beta(a, b+x+1), and the expectations are BG/NBD's with b + 1.
/// </summary>
internal static class MbgNbdPredictions
{
    /// <summary>
    /// E[X(t)] of a customer just acquired: P(alive after the first purchase) = b/(a+b) times the expectation while
    /// alive with p ~ Beta(a, b+1) — in closed form b/(a−1) · [1 − ₂F₁(r, b+1; a+b; t/(α+t)) (α/(α+t))^r].
    /// </summary>
    public static double ExpectedForNewCustomer(double r, double alpha, double a, double b, double t) =>
        b / (a + b) * BgNbdPredictions.ExpectedWhileAlive(r, alpha, a, b + 1, t);

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
    /// </summary>
    public static double ExpectedConditional(double r, double alpha, double a, double b, RepeatSummary c, double t) =>
        BgNbdPredictions.ExpectedWhileAlive(r + c.X, alpha + c.T, a, b + c.X + 1, t) * ProbabilityAlive(r, alpha, a, b, c);

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), below 1 for every x (also x = 0).</summary>
    public static double ProbabilityAlive(double r, double alpha, double a, double b, RepeatSummary c)
    {
        var log = Math.Log(a / (b + c.X)) + ((r + c.X) * Math.Log((alpha + c.T) / (alpha + c.Tx)));
        return 1 / (1 + Math.Exp(log));
    }
}
