using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.BgNbd;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// P(alive) at a future time for BG/NBD, MBG/NBD and Pareto/NBD: the value now at no time ahead, falling with time,
/// BG/NBD's quadrature equal to its ₂F₁ closed form, and all three against simulation of customers without a repeat
/// purchase (the histories a simulation can condition on exactly).
/// </summary>
public class LookingAheadTests
{
    private static readonly CustomerId Someone = new("someone");

    private static CustomerSummary Weeks(int x, double tx, double t) => new(Someone, x, new BtydRecency(ModelTime.Weeks(tx)), ModelTime.Weeks(t));

    [Fact]
    public void No_time_ahead_is_now_and_the_chance_falls_with_time()
    {
        var bg = new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks);
        var mbg = new MbgNbdModel(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.Weeks);
        var pareto = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks);
        foreach (var customer in new[] { Weeks(0, 0, 38.86), Weeks(2, 30.43, 38.86), Weeks(26, 30.86, 31) })
        {
            foreach (var (now, later) in new (double, Func<double, double>)[]
            {
                (bg.ProbabilityAlive(customer), t => bg.ProbabilityAlive(customer, ModelTime.Weeks(t))),
                (mbg.ProbabilityAlive(customer), t => mbg.ProbabilityAlive(customer, ModelTime.Weeks(t))),
                (pareto.ProbabilityAlive(customer), t => pareto.ProbabilityAlive(customer, ModelTime.Weeks(t))),
            })
            {
                Assert.Equal(now, later(0), 1e-12);
                var previous = now;
                foreach (var t in new[] { 1.0, 13, 52, 520, 5200 })
                {
                    var p = later(t);
                    Assert.InRange(p, 0, previous + 1e-12);
                    previous = p;
                }
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => bg.ProbabilityAlive(Weeks(0, 0, 1), ModelTime.Weeks(-1)));
    }

    [Theory]
    [InlineData(0, 0, 38.86, 13)]
    [InlineData(2, 30.43, 38.86, 39)]
    [InlineData(26, 30.86, 31, 52)]
    public void Bg_nbd_s_quadrature_is_its_hypergeometric_closed_form(int x, double tx, double t, double ahead)
    {
        // P(alive at T+t) = P(alive) · ₂F₁(r+x, a; a+b+x; −t/(α+T)); by Pfaff, (1 + t/(α+T))^−a ₂F₁(a+b−r, a; a+b+x; t/(α+T+t)).
        const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
        var model = new BgNbdModel(r, alpha, a, b, ModelTimeUnit.Weeks);
        var customer = Weeks(x, tx, t);
        var closed = model.ProbabilityAlive(customer)
            * Math.Pow(1 + (ahead / (alpha + t)), -a)
            * BgNbdPredictions.Hypergeometric2F1(a + b - r, a, a + b + x, ahead / (alpha + t + ahead));
        Assert.Equal(closed, model.ProbabilityAlive(customer, ModelTime.Weeks(ahead)), 1e-10);
    }

    [Fact]
    public void Customers_without_a_repeat_purchase_are_alive_later_as_often_as_the_formulas_say()
    {
        // 400,000 simulated customers each, seeded; those with no repeat purchase in T = 39 weeks are followed 26 more.
        const int customers = 400_000;
        const double age = 39, ahead = 26;
        var random = new Random(39);
        (int Kept, int Alive) bg = default, mbg = default, pareto = default;
        for (var i = 0; i < customers; i++)
        {
            // BG/NBD (r, α, a, b) = (0.243, 4.414, 0.793, 2.426): dropout only after a repeat purchase.
            var lambda = BgNbdSimulator.Gamma(random, 0.243) / 4.414;
            var p = Beta(random, 0.793, 2.426);
            var (repeats, alive) = Follow(random, lambda, p, alive: true);
            if (repeats == 0)
            {
                bg = (bg.Kept + 1, bg.Alive + (alive ? 1 : 0));
            }

            // MBG/NBD (0.525, 6.183, 0.891, 1.614): a chance to drop out at the first purchase too.
            lambda = BgNbdSimulator.Gamma(random, 0.525) / 6.183;
            p = Beta(random, 0.891, 1.614);
            (repeats, alive) = Follow(random, lambda, p, alive: random.NextDouble() >= p);
            if (repeats == 0)
            {
                mbg = (mbg.Kept + 1, mbg.Alive + (alive ? 1 : 0));
            }

            // Pareto/NBD (0.553, 10.578, 0.606, 11.669): an exponential lifetime.
            lambda = BgNbdSimulator.Gamma(random, 0.553) / 10.578;
            var lifetime = -Math.Log(1 - random.NextDouble()) / (BgNbdSimulator.Gamma(random, 0.606) / 11.669);
            var first = -Math.Log(1 - random.NextDouble()) / lambda;
            if (first > Math.Min(lifetime, age))
            {
                pareto = (pareto.Kept + 1, pareto.Alive + (lifetime > age + ahead ? 1 : 0));
            }
        }

        var none = Weeks(0, 0, age);
        Check(bg, new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks).ProbabilityAlive(none, ModelTime.Weeks(ahead)));
        Check(mbg, new MbgNbdModel(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.Weeks).ProbabilityAlive(none, ModelTime.Weeks(ahead)));
        Check(pareto, new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, ModelTimeUnit.Weeks).ProbabilityAlive(none, ModelTime.Weeks(ahead)));

        // Purchases in (0, T]; then, for those with none, whether they are still there at T + t (every purchase is a
        // chance to drop out).
        static (int Repeats, bool Alive) Follow(Random random, double lambda, double p, bool alive)
        {
            var repeats = 0;
            for (var t = -Math.Log(1 - random.NextDouble()) / lambda; alive && t <= age + ahead; t += -Math.Log(1 - random.NextDouble()) / lambda)
            {
                repeats += t <= age ? 1 : 0;
                alive = random.NextDouble() >= p;
            }

            return (repeats, alive);
        }

        static void Check((int Kept, int Alive) observed, double expected)
        {
            var share = (double)observed.Alive / observed.Kept;
            var error = Math.Sqrt(expected * (1 - expected) / observed.Kept);
            Assert.True(Math.Abs(share - expected) <= 4 * error, $"simulated {share:F4} of {observed.Kept:N0}, formula {expected:F4} (± {error:F4})");
        }
    }

    private static double Beta(Random random, double a, double b)
    {
        var x = BgNbdSimulator.Gamma(random, a);
        return x / (x + BgNbdSimulator.Gamma(random, b));
    }
}
