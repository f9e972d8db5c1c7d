using System.Globalization;
using Crm.Metrics.Lifetime.BgBb;
using Crm.Metrics.Lifetime.Numerics;
using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The BG/BB model of Fader, Hardie &amp; Shang (2010) for transactions that can only happen at discrete occasions (a
/// yearly donation, an annual event, a renewal window): while alive, a customer transacts at each occasion with
/// probability p ~ Beta(α, β), and before each occasion drops out with probability θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// <para>Create it by <see cref="Fit"/> from a <see cref="DiscreteSummary"/>, or from known parameters.</para>
/// <para>Per-customer likelihood (eq. 5): B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
/// + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record BgBbModel
{
    /// <summary>The most occasions <see cref="ExpectedTransactions"/> looks ahead.</summary>
    public const int MaxOccasionsAhead = 1_000_000;

    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="alpha">First shape of the transaction-probability beta distribution; positive.</param>
    /// <param name="beta">Second shape of the transaction-probability beta distribution; positive.</param>
    /// <param name="gamma">First shape of the dropout-probability beta distribution; positive.</param>
    /// <param name="delta">Second shape of the dropout-probability beta distribution; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public BgBbModel(double alpha, double beta, double gamma, double delta)
    {
        Alpha = ModelParameters.Positive(alpha, nameof(alpha));
        Beta = ModelParameters.Positive(beta, nameof(beta));
        Gamma = ModelParameters.Positive(gamma, nameof(gamma));
        Delta = ModelParameters.Positive(delta, nameof(delta));
    }

    /// <summary>α: first shape of the transaction-probability distribution.</summary>
    public double Alpha { get; }

    /// <summary>β: second shape of the transaction-probability distribution.</summary>
    public double Beta { get; }

    /// <summary>γ: first shape of the dropout-probability distribution.</summary>
    public double Gamma { get; }

    /// <summary>δ: second shape of the dropout-probability distribution.</summary>
    public double Delta { get; }

    /// <summary>Fits the model to the patterns by maximum likelihood.</summary>
    /// <remarks>BFGS on the log-parameters from (1, 1, 1, 1) with the analytic gradient; standard errors from the observed information. Each distinct pattern is evaluated once, whatever its weight.</remarks>
    /// <param name="summary">The patterns.</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model with its log-likelihood, convergence information and standard errors.</returns>
    /// <exception cref="ArgumentException">No customer transacted after the first occasion, or every one transacted at every occasion (the parameters are then not identified).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<BgBbModel> Fit(DiscreteSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= FitOptions.Default;
        options.Validate(nameof(options));
        var patterns = summary.Patterns;
        if (patterns.All(p => p.Frequency == 0) || patterns.All(p => p.Frequency == p.Periods))
        {
            throw new ArgumentException("BG/BB needs customers who transacted at some occasions and not at others: with none, or every one at every occasion, the transaction and dropout processes are not identified.", nameof(summary));
        }

        var customers = summary.Customers > int.MaxValue ? int.MaxValue : (int)summary.Customers;
        return MaximumLikelihood.Maximise((p, gradient) => BgBbLikelihood.Sum(p, patterns, gradient), [1, 1, 1, 1], options, progress, cancellationToken)
            .ToFit(p => new BgBbModel(p[0], p[1], p[2], p[3]), ["alpha", "beta", "gamma", "delta"], customers, patterns.Count);
    }

    /// <summary>One customer's log-likelihood at these parameters.</summary>
    /// <param name="pattern">The customer's pattern (its weight is not used).</param>
    /// <returns>ln L of x, t_x and n.</returns>
    public double LogLikelihood(DiscretePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return BgBbLikelihood.Single(Alpha, Beta, Gamma, Delta, pattern.Frequency, pattern.Recency, pattern.Periods);
    }

    /// <summary>
    /// P(alive at occasion n + 1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L: the chance the customer
    /// is still there at the next occasion.
    /// </summary>
    /// <param name="pattern">The customer's pattern.</param>
    /// <returns>A probability in [0, 1].</returns>
    public double ProbabilityAliveNext(DiscretePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var (x, n) = (pattern.Frequency, pattern.Periods);
        var log = LogBeta(Alpha + x, Beta + n - x) - LogBeta(Alpha, Beta) + LogBeta(Gamma, Delta + n + 1) - LogBeta(Gamma, Delta) - LogLikelihood(pattern);
        return Math.Min(1, Math.Exp(log));
    }

    /// <summary>
    /// The expected transactions in the next <paramref name="occasions"/> occasions (eq. 13):
    /// (1/L) · B(α+x+1, β+n−x)/B(α,β) · Σ_{j=1}^{m} B(γ, δ+n+j)/B(γ,δ) — the customer transacts at occasion n + j with
    /// probability p if still alive then.
    /// </summary>
    /// <param name="pattern">The customer's pattern.</param>
    /// <param name="occasions">m: the occasions ahead; 0 to <see cref="MaxOccasionsAhead"/>.</param>
    /// <returns>The expected transactions; 0 for no occasion, never more than <paramref name="occasions"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="occasions"/> is negative or above <see cref="MaxOccasionsAhead"/>.</exception>
    public double ExpectedTransactions(DiscretePattern pattern, int occasions)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (occasions is < 0 or > MaxOccasionsAhead)
        {
            throw new ArgumentOutOfRangeException(nameof(occasions), occasions, string.Create(CultureInfo.InvariantCulture, $"The occasions ahead are from 0 to {MaxOccasionsAhead:N0}."));
        }

        var (x, n) = (pattern.Frequency, pattern.Periods);
        var logTransact = LogBeta(Alpha + x + 1, Beta + n - x) - LogBeta(Alpha, Beta) - LogLikelihood(pattern);
        var logBetaGd = LogBeta(Gamma, Delta);
        var alive = 0.0;
        for (var j = 1; j <= occasions; j++)
        {
            alive += Math.Exp(LogBeta(Gamma, Delta + n + j) - logBetaGd + logTransact);
        }

        return alive;
    }

    /// <summary>
    /// P(X(n) = x): the probability that a customer just acquired transacts at exactly <paramref name="transactions"/>
    /// of the next <paramref name="occasions"/> occasions (eq. 7).
    /// </summary>
    /// <param name="transactions">x, from 0 to <paramref name="occasions"/>.</param>
    /// <param name="occasions">n, from 1 to <see cref="DiscretePattern.MaxPeriods"/>.</param>
    /// <returns>A probability in [0, 1]; over x = 0 … n they sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public double ProbabilityOfTransactions(int transactions, int occasions)
    {
        if (occasions is < 1 or > DiscretePattern.MaxPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(occasions), occasions, string.Create(CultureInfo.InvariantCulture, $"The occasions are from 1 to {DiscretePattern.MaxPeriods:N0}."));
        }

        if (transactions < 0 || transactions > occasions)
        {
            throw new ArgumentOutOfRangeException(nameof(transactions), transactions, "The transactions are from 0 to the number of occasions.");
        }

        var (x, n) = (transactions, occasions);
        var logBetaAb = LogBeta(Alpha, Beta);
        var logBetaGd = LogBeta(Gamma, Delta);
        var p = Math.Exp(LogChoose(n, x) + LogBeta(Alpha + x, Beta + n - x) - logBetaAb + LogBeta(Gamma, Delta + n) - logBetaGd);
        for (var i = x; i < n; i++)
        {
            p += Math.Exp(LogChoose(i, x) + LogBeta(Alpha + x, Beta + i - x) - logBetaAb + LogBeta(Gamma + 1, Delta + i) - logBetaGd);
        }

        return Math.Min(1, p);
    }

    /// <summary>
    /// Simulates customers from these parameters (seeded): each customer's transaction probability p ~ Beta(α, β) and
    /// dropout probability θ ~ Beta(γ, δ); before each of the <paramref name="occasions"/> occasions after the first
    /// transaction the customer drops out with probability θ, and while there transacts with probability p.
    /// </summary>
    /// <param name="customers">How many customers; 1 to <see cref="PurchaseSimulation.MaxCustomers"/>.</param>
    /// <param name="occasions">n, the occasions after the first; 1 to <see cref="DiscretePattern.MaxPeriods"/>.</param>
    /// <param name="seed">The seed: the same arguments give the same summary.</param>
    /// <returns>The customers' patterns.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public DiscreteSummary Simulate(int customers, int occasions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customers, PurchaseSimulation.MaxCustomers);
        ArgumentOutOfRangeException.ThrowIfLessThan(occasions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(occasions, DiscretePattern.MaxPeriods);
        var sampler = new Sampler(seed);
        var counts = new Dictionary<(int X, int Tx), long>();
        for (var i = 0; i < customers; i++)
        {
            var p = sampler.Beta(Alpha, Beta);
            var theta = sampler.Beta(Gamma, Delta);
            int x = 0, tx = 0;
            for (var t = 1; t <= occasions && sampler.Uniform() >= theta; t++)
            {
                if (sampler.Uniform() < p)
                {
                    x++;
                    tx = t;
                }
            }

            counts[(x, tx)] = counts.GetValueOrDefault((x, tx)) + 1;
        }

        return DiscreteSummary.FromPatterns(counts.Select(c => new DiscretePattern(c.Key.X, c.Key.Tx, occasions, c.Value)));
    }

    /// <summary>The parameters (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"BG/BB(alpha = {Alpha:G6}, beta = {Beta:G6}, gamma = {Gamma:G6}, delta = {Delta:G6})");

    private static double LogChoose(int n, int k) => LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0);
}
