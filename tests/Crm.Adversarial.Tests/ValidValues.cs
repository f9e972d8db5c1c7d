using System.Reflection;
using Crm.Domain.Activity;
using Crm.Domain.Assessments;
using Crm.Domain.Customers;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Domain.Segments;
using Crm.Metrics;
using Crm.Metrics.Lifetime;
using Crm.Metrics.LoyaltyProgrammes;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Adversarial.Tests;

/// <summary>
/// A valid value of each type a public member takes — consistent with each other (one period, March 2026 in Berlin;
/// one currency, EUR; one customer, c1), so that a call with every argument valid succeeds and a call with one bad
/// argument fails for that argument alone. Types not listed are built from their public constructor with the fewest
/// parameters, recursively.
/// </summary>
internal static class ValidValues
{
    public static readonly Instant At = Instant.FromUtc(2026, 3, 15, 12, 0);
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    public static readonly Currency Eur = Currency.Eur;
    public static readonly CustomerId Customer = new("c1");
    private static readonly Money Ten = new(10m, Currency.Eur);
    private static readonly Dictionary<Type, Func<object?>> Factories = [];

    static ValidValues()
    {
        Add(() => "k1");
        Add(() => 3);
        Add(() => 0.5);
        Add(() => 10m);
        Add(() => 4L);
        Add(() => true);
        Add(() => At);
        Add(() => new LocalDate(2026, 3, 15));
        Add(() => new YearMonth(2026, 3));
        Add(() => new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31)));
        Add(() => Duration.FromHours(48));
        Add(() => Berlin);
        Add<IClock>(() => new FakeClock(Instant.FromUtc(2026, 4, 2, 0, 0)));
        Add(() => Eur);
        Add(() => Ten);
        Add(() => Customer);
        Add(() => new LeadId("l1"));
        Add(() => new ComplaintId("k1"));
        Add(() => new Uri("https://example.test/evidence"));
        Add(() => CancellationToken.None);
        Add(() => ReportingPeriod.Month(2026, 3, Berlin));
        Add(() => new ScorecardSettings { Currency = Eur });
        Add(() => new CrmMetricsOptions { DefaultZone = Berlin });
        Add(() => DataSet());
        Add(() => new CrmAsyncDataSet { Purchases = Async(Sale()) });
        Add(() => Sale());
        Add(() => new SurveyResponse(Customer, At, SurveyKind.Nps, 9));
        Add(() => new CostEntry(CostKind.Acquisition, Ten, new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31))));
        Add(() => new Complaint(new ComplaintId("k1"), Customer, At, At + Duration.FromHours(1), At + Duration.FromHours(5), Duration.FromHours(48)));
        Add(() => new Feedback(Customer, At, FeedbackKind.Praise, CommunicationChannel.Email));
        Add(() => new Lead(new LeadId("l1"), [new LeadStageReached("lead", At)]));
        Add(() => new Funnel(["lead", "won"]));
        Add(() => Crm.Domain.Customers.Customer.CreatePerson(Customer, new PersonProfile("Ada"), At));
        Add(() => new PersonProfile("Ada"));
        Add(() => new CustomerFacts());
        Add(() => SegmentRule.FrequencyAtLeast(1));
        Add(() => new Segment("loyal", SegmentRule.FrequencyAtLeast(1)));
        Add(() => ModelTime.Weeks(10));
        Add(() => Summary());
        Add(() => new CustomerSummary(Customer, 2, new BtydRecency(ModelTime.Weeks(5)), ModelTime.Weeks(10), new Money(20m, Eur)));
        Add(() => CustomerBaseSummary.FromSummaries([Summary(), new CustomerSummary(new CustomerId("c2"), 0, default, ModelTime.Weeks(8))], new SummaryOptions(new LocalDate(2026, 3, 31))));
        Add(() => new SummaryOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin });
        Add(() => new CovariateTable(["web"], ["web"], [new CustomerCovariates(Customer, [1.0], [1.0]), new CustomerCovariates(new CustomerId("c2"), [0.0], [0.0])]));
        Add(() => new RfmOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin });
        Add<IPurchaseModel>(() => new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks));
        Add(() => new BgNbdModel(0.243, 4.414, 0.793, 2.426, ModelTimeUnit.Weeks));
        Add(() => new ParetoNbdModel(0.553, 10.58, 0.606, 11.67, ModelTimeUnit.Weeks));
        Add(() => new GammaGammaModel(6.25, 3.74, 15.44, Eur));
        Add(() => new MbgNbdModel(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.Weeks));
        Add(() => new BgBbModel(1.204, 0.750, 0.657, 2.783));
        Add(() => new PurchaseSimulation(3, new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31)), new LocalDate(2026, 3, 31), 1));
        Add(() => new DiscretePattern(2, 4, 6, 10));
        Add(() => DiscreteSummary.FromPatterns([new DiscretePattern(0, 0, 6, 30), new DiscretePattern(2, 4, 6, 10), new DiscretePattern(5, 6, 6, 5)]));
        Add(() => new ClvSettings(ModelTime.Weeks(52), ModelTime.Weeks(4), 0.01, 0.3m));
        Add<IExchangeRateProvider>(() => new UnitRates());
        Add<IServiceCollection>(() => new ServiceCollection());
        Add(() => AssessmentFramework.SixC);
        Add(() => new AssessmentSubject(SubjectKind.Customer, "c1"));
        Add(() => new Answer(AssessmentFramework.SixC.Dimensions[0].Key, AssessmentFramework.SixC.Dimensions[0].Items[0].Key, 3));
        Add(() => new Assessment(AssessmentFramework.SixC, new AssessmentSubject(SubjectKind.Customer, "c1"), At, "assessor", [new Answer(AssessmentFramework.SixC.Dimensions[0].Key, AssessmentFramework.SixC.Dimensions[0].Items[0].Key, 3)]));
        Add(() => SurveyScale.Nps);
        Add(() => new ContactPoint(ContactPointKind.Email, "ada@example.test"));
        Add(() => (Crm.Domain.Customers.Customer.CreatePerson(Customer, new PersonProfile("Ada"), At), (CustomerFacts?)new CustomerFacts()));
        Add(() => KeyValuePair.Create(Customer, 10m));
        Add(() => RfmSegmentMap.Standard);
        Add(() => Metrics().ComputeScorecard(DataSet(), ReportingPeriod.Month(2026, 3, Berlin), new ScorecardSettings { Currency = Eur }));
        Add(() => new Crm.Metrics.Assessments.AssessmentEvidence(Metrics().ComputeScorecard(DataSet(), ReportingPeriod.Month(2026, 3, Berlin), new ScorecardSettings { Currency = Eur })));
        Add(() => RfmAnalysis.Compute(DataSet().Purchases!, new RfmOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin }));
        Add(() => Metrics().ComputeScorecard(DataSet(), ReportingPeriod.Month(2026, 3, Berlin), new ScorecardSettings { Currency = Eur }).CustomerValue);
        Add(() =>
        {
            var summary = CustomerBaseSummary.FromSummaries(
                [new CustomerSummary(Customer, 2, new BtydRecency(ModelTime.Weeks(5)), ModelTime.Weeks(10), new Money(20m, Eur), 1), new CustomerSummary(new CustomerId("c2"), 0, default, ModelTime.Weeks(8), null, 0)],
                new SummaryOptions(new LocalDate(2026, 3, 31)) { HoldoutEnd = new LocalDate(2026, 6, 30) });
            return PurchaseModelComparison.Of(summary, PurchaseModelFit.Of("BG/NBD", BgNbdModel.Fit(summary)));
        });
        Add(() => ValueTierAnalysis.FromRfm(RfmAnalysis.Compute(DataSet().Purchases!, new RfmOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin })));
        Add(() => (CrmMetrics)Metrics());
        Add(() => new Crm.Metrics.Segments.LifecycleOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin });
        Add(() => new Crm.Metrics.Churn.ChurnWarningOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin });
        Add(() => Crm.Metrics.Churn.ChurnWarning.Assess(new LocalDate(2026, 3, 31), Berlin, DataSet().Purchases!));
        Add(() => Analyses());
        Add(() => Metrics().ComputeAnalyses(DataSet(), Analyses()));
        Add(() => Services().GetRequiredService<ISatisfactionCalculator>());
        Add(() => Services().GetRequiredService<ILoyaltyCalculator>());
        Add(() => Services().GetRequiredService<Crm.Metrics.Lifetime.ICustomerBaseModels>());
        Add(() => Services().GetRequiredService<Crm.Metrics.Segments.ISegmentation>());
        Add(() => Services().GetRequiredService<Crm.Metrics.Churn.IChurnWarnings>());
        Add(() => Services().GetRequiredService<Crm.Metrics.Care.ICarePlanner>());
        Add(() => Services().GetRequiredService<Crm.Metrics.Assessments.IAssessmentScorer>());
        Add(() => new ScorecardAccumulator(ReportingPeriod.Month(2026, 3, Berlin), new ScorecardSettings { Currency = Eur }).ToState());
        Add(() => new CustomerBaseSummaryAccumulator(new SummaryOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin }).ToState());
        Add(() => new RfmAccumulator(new RfmOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin }).ToState());
        Add(() => new Scale(1, 5));
        Add<IFormatProvider>(() => System.Globalization.CultureInfo.InvariantCulture);
        Add(() => new DateTime(2026, 3, 15, 9, 30, 0, DateTimeKind.Utc));
        Add(() => new DateTimeOffset(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(1)));
        Add(() => new DateOnly(2026, 3, 15));
        Add<Func<CustomerId, string>>(() => _ => "group");
        Add<Func<CostEntry, string?>>(() => _ => "group");
        Add<Func<Customer, CustomerFacts?, bool>>(() => (_, _) => true);
        Add<Func<Crm.Metrics.Lifetime.CustomerSummary, bool>>(() => _ => true);
        Add<Action<CrmMetricsOptions>>(() => _ => { });
        Add(() => Programme());
        Add<IEnumerable<LoyaltyTier>>(() => Programme().Tiers.ToList());
        Add(() => LoyaltyTier.BySpend("Silver", Ten, 30, 10));
        Add(() => new Membership(Customer, At - Duration.FromDays(90)));
        Add(() => PointsEntry.Earn(Customer, At, 100));
        Add(() => PointsLedger.From(Customer, Programme(), [PointsEntry.Earn(Customer, At - Duration.FromDays(5), 100)]));
        Add(() => TierHistory.Derive(Programme(), new Membership(Customer, At - Duration.FromDays(90)), [Sale()], [], Berlin));
        Add(() => new LoyaltyProgrammeAccumulator(Programme(), ReportingPeriod.Month(2026, 3, Berlin)));
        Add(() => new LoyaltyProgrammeAccumulator(Programme(), ReportingPeriod.Month(2026, 3, Berlin)).ToState());
        Add(() => Services().GetRequiredService<ILoyaltyProgrammeCalculator>());
    }

    private static void Add<T>(Func<T> factory) => Factories[typeof(T)] = () => factory();

    private static ServiceProvider Services() => new ServiceCollection().AddCrmMetrics(o => o.DefaultZone = Berlin).BuildServiceProvider();

    private static ICrmMetrics Metrics() => Services().GetRequiredService<ICrmMetrics>();

    /// <summary>Every analysis of the set, the summary calibrated to the churn warning's day (so a model can join it).</summary>
    private static AnalysisRequest Analyses() => new()
    {
        Scorecards = [ReportingPeriod.Month(2026, 3, Berlin)],
        Summary = new SummaryOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin },
        Rfm = new RfmOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin },
        Lifecycles = new Crm.Metrics.Segments.LifecycleOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin },
        Churn = new Crm.Metrics.Churn.ChurnWarningOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin },
    };

    /// <summary>Valid values a member needs beyond its type's: by member and parameter, then by parameter name alone.</summary>
    private static readonly Dictionary<string, Func<object?>> ForParameter = new(StringComparer.Ordinal)
    {
        ["Funnel.ctor.stages"] = () => new List<string> { "lead", "won" },
        ["Complaint.WithResolution.at"] = () => At + Duration.FromHours(10),
        ["Customer.MoveTo.stage"] = () => LifecycleStage.New,
        ["ChurnWarning.Assess.analysisDate"] = () => new LocalDate(2026, 3, 31),
        ["ChurnWarnings.Assess.analysisDate"] = () => new LocalDate(2026, 3, 31),
        ["Currency.Parse.s"] = () => "eur",
        ["CustomerBaseModels.Summarize.holdoutEnd"] = () => new LocalDate(2026, 6, 30),
        ["CustomerBaseModels.SummarizeAsync.holdoutEnd"] = () => new LocalDate(2026, 6, 30),
        ["CustomerBaseModels.SummaryOptions.holdoutEnd"] = () => new LocalDate(2026, 6, 30),
        ["HoldoutTracking.Compute.summary"] = () => CustomerBaseSummary.FromSummaries(
            [new CustomerSummary(Customer, 2, new BtydRecency(ModelTime.Weeks(5)), ModelTime.Weeks(10), new Money(20m, Eur), 1)],
            new SummaryOptions(new LocalDate(2026, 3, 31)) { HoldoutEnd = new LocalDate(2026, 6, 30) }),
        ["PurchaseModelComparison.TrackingOf.model"] = () => "BG/NBD",
        ["ValueTierAnalysis.ShareOfTop.count"] = () => 1,
        ["CustomerValueMetrics.TopByRevenue.count"] = () => 1,
        ["DiscreteSummary.FromTransactions.occasionStarts"] = () => new List<LocalDate> { new(2026, 1, 1), new(2026, 6, 1), new(2026, 9, 1) },
        ["DiscreteSummary.FromTransactions.end"] = () => new LocalDate(2027, 1, 1),
        ["PurchaseSimulation.ctor.acquisition"] = () => new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31)),
        ["PurchaseSimulation.ctor.observedUntil"] = () => new LocalDate(2026, 3, 31),
        ["ShiftedBetaGeometricModel.Fit.aliveAtStart"] = () => new List<long> { 1000, 600, 400 },
        ["CovariateTable.FromCategories.columns"] = () => new List<string> { "channel" },
        ["CovariateTable.FromCategories.customers"] = () => new List<KeyValuePair<CustomerId, IReadOnlyList<string>>> { new(Customer, ["web"]), new(new CustomerId("c2"), ["store"]) },
        ["ContactPoint.ctor.value"] = () => "ada@example.test",
        ["ContactPoint.Matches.value"] = () => "ada@example.test",
        ["RfmSegmentMap.ctor.rules"] = () => RfmSegmentMap.Standard.Rules.ToList(),
        ["Membership.ctor.leftAt"] = () => At + Duration.FromDays(30),
        ["PointsEntry.ctor.reason"] = () => null,
        ["PointsEntry.ctor.source"] = () => PointsSource.Partner,
        ["maximum"] = () => 5,
        ["code"] = () => "EUR",
        ["ianaId"] = () => "Europe/Berlin",
        ["countryCode"] = () => "DE",
        ["margin"] = () => 0.3m,
    };

    /// <summary>A valid value for one parameter of one member (see <see cref="ForParameter"/>), else of its type.</summary>
    public static bool TryGet(MethodBase member, ParameterInfo parameter, out object? value)
    {
        var name = $"{member.DeclaringType!.Name}.{(member.IsConstructor ? "ctor" : member.Name)}.{parameter.Name}";
        if (ForParameter.TryGetValue(name, out var factory) || ForParameter.TryGetValue(parameter.Name!, out factory))
        {
            value = factory();
            if (value is null || parameter.ParameterType.IsInstanceOfType(value) || Nullable.GetUnderlyingType(parameter.ParameterType)?.IsInstanceOfType(value) == true)
            {
                return true;
            }
        }

        return TryGet(parameter.ParameterType, out value);
    }

    private static LoyaltyProgramme Programme() => new([LoyaltyTier.BySpend("Silver", Ten, 30, 10), LoyaltyTier.ByPoints("Gold", 500, 30, 0)], new Money(0.01m, Eur), 12);

    private static CustomerSummary Summary() => new(Customer, 2, new BtydRecency(ModelTime.Weeks(5)), ModelTime.Weeks(10), new Money(20m, Eur));

    private static Purchase Sale() => Purchase.Sale(Customer, At, Ten, cost: new Money(4m, Eur));

    private static CrmDataSet DataSet() => new()
    {
        Purchases = [Sale(), Purchase.Sale(new CustomerId("c2"), At - Duration.FromDays(40), Ten)],
        SurveyResponses = [new SurveyResponse(Customer, At, SurveyKind.Nps, 9)],
    };

    private static async IAsyncEnumerable<T> Async<T>(params T[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    /// <summary>A valid value of <paramref name="type"/>, or false when none can be made.</summary>
    public static bool TryGet(Type type, out object? value, int depth = 0)
    {
        value = null;
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
        }

        if (Factories.TryGetValue(type, out var factory))
        {
            value = factory();
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TryGet(inner, out value, depth);
        }

        if (type.IsEnum)
        {
            value = Enum.GetValues(type).GetValue(0);
            return true;
        }

        if (ElementType(type) is { } element)
        {
            if (!TryGet(element, out var item, depth + 1))
            {
                return false;
            }

            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(item);
            value = type.IsArray ? ToArray(list, element) : list;
            return true;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>))
        {
            value = Activator.CreateInstance(typeof(Progress<>).MakeGenericType(type.GetGenericArguments()[0]));
            return true;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            var element2 = type.GetGenericArguments()[0];
            if (!TryGet(element2, out var item))
            {
                return false;
            }

            var array = Array.CreateInstance(element2, 1);
            array.SetValue(item, 0);
            value = typeof(ValidValues).GetMethod(nameof(Async), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element2).Invoke(null, [array]);
            return true;
        }

        if (depth > 3 || type.IsAbstract || type.IsInterface || type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true)
        {
            return false;
        }

        // The public constructor with the fewest parameters, every argument valid.
        foreach (var constructor in type.GetConstructors().OrderBy(c => c.GetParameters().Length))
        {
            var arguments = new object?[constructor.GetParameters().Length];
            var ok = true;
            foreach (var (parameter, i) in constructor.GetParameters().Select((p, i) => (p, i)))
            {
                if (parameter.HasDefaultValue)
                {
                    arguments[i] = parameter.DefaultValue;
                }
                else if (!TryGet(parameter.ParameterType, out arguments[i], depth + 1))
                {
                    ok = false;
                    break;
                }
            }

            if (!ok)
            {
                continue;
            }

            try
            {
                value = constructor.Invoke(arguments);
                return true;
            }
            catch (TargetInvocationException)
            {
            }
        }

        return false;
    }

    /// <summary>The element type of an array or of a generic sequence interface or list; null for anything else (strings too).</summary>
    public static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType || type == typeof(string))
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
            || definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(ICollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static Array ToArray(System.Collections.IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    private sealed class UnitRates : IExchangeRateProvider
    {
        public decimal GetRate(Currency source, Currency target, LocalDate day) => 1m;
    }
}
