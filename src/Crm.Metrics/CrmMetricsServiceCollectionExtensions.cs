using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Metrics;

/// <summary>Registers the CRM metrics engine in a service collection.</summary>
public static class CrmMetricsServiceCollectionExtensions
{
    private static readonly Action<CrmMetricsOptions> NoConfiguration = static _ => { };

    /// <summary>Registers the metrics engine with default options. See <see cref="AddCrmMetrics(IServiceCollection, Action{CrmMetricsOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCrmMetrics(this IServiceCollection services) => services.AddCrmMetrics(NoConfiguration);

    /// <summary>
    /// Registers the metrics engine: <see cref="ICrmMetrics"/> and the calculators, each as one concrete singleton
    /// with its interface forwarded to it; <see cref="CrmMetricsOptions"/>; and <see cref="IClock"/> as
    /// <see cref="SystemClock.Instance"/> only when the host has none (register a <c>FakeClock</c> first in tests).
    /// Only <c>TryAdd</c> is used, so a host can replace any service by registering it first, and calling this
    /// again registers nothing twice (a later <paramref name="configure"/> updates the same options).
    /// Register an <see cref="IExchangeRateProvider"/> to allow several currencies in one scorecard.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; they are validated at once.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">The configured options are invalid; the message names the option.</exception>
    /// <exception cref="InvalidOperationException">The host registered <see cref="CrmMetricsOptions"/> with a factory, so <paramref name="configure"/> cannot apply.</exception>
    public static IServiceCollection AddCrmMetrics(this IServiceCollection services, Action<CrmMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        // A later call configures a copy of the registered options and, once valid, swaps it in place.
        var index = IndexOfOptions(services);
        if (index < 0 && !ReferenceEquals(configure, NoConfiguration) && services.Any(d => d.ServiceType == typeof(CrmMetricsOptions) && !d.IsKeyedService))
        {
            throw new InvalidOperationException(
                "CrmMetricsOptions is already registered with a factory or type, so AddCrmMetrics(configure) cannot apply the configuration. Configure the options where you register them, or register an instance.");
        }

        var configured = (index >= 0 ? services[index].ImplementationInstance as CrmMetricsOptions : null)?.Clone() ?? new CrmMetricsOptions();
        configure(configured);
        configured.Validate();

        // The provider keeps its own copy: changing the object the callback was given changes nothing later.
        var options = configured.Clone();
        if (index >= 0)
        {
            services[index] = ServiceDescriptor.Singleton(options);
        }
        else
        {
            services.TryAddSingleton(options);
        }

        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<SatisfactionCalculator>();
        services.TryAddSingleton<ISatisfactionCalculator>(static sp => sp.GetRequiredService<SatisfactionCalculator>());
        services.TryAddSingleton<LoyaltyCalculator>();
        services.TryAddSingleton<ILoyaltyCalculator>(static sp => sp.GetRequiredService<LoyaltyCalculator>());
        services.TryAddSingleton<CrmMetrics>();
        services.TryAddSingleton<ICrmMetrics>(static sp => sp.GetRequiredService<CrmMetrics>());
        services.TryAddSingleton<Lifetime.CustomerBaseModels>();
        services.TryAddSingleton<Lifetime.ICustomerBaseModels>(static sp => sp.GetRequiredService<Lifetime.CustomerBaseModels>());
        services.TryAddSingleton<Segments.Segmentation>();
        services.TryAddSingleton<Segments.ISegmentation>(static sp => sp.GetRequiredService<Segments.Segmentation>());
        services.TryAddSingleton<Churn.ChurnWarnings>();
        services.TryAddSingleton<Churn.IChurnWarnings>(static sp => sp.GetRequiredService<Churn.ChurnWarnings>());
        services.TryAddSingleton<Care.CarePlanner>();
        services.TryAddSingleton<Care.ICarePlanner>(static sp => sp.GetRequiredService<Care.CarePlanner>());
        services.TryAddSingleton<LoyaltyProgrammes.LoyaltyProgrammeCalculator>();
        services.TryAddSingleton<LoyaltyProgrammes.ILoyaltyProgrammeCalculator>(static sp => sp.GetRequiredService<LoyaltyProgrammes.LoyaltyProgrammeCalculator>());
        services.TryAddSingleton<Assessments.EvidenceAssessmentScorer>();
        services.TryAddSingleton<Assessments.IAssessmentScorer>(static sp => sp.GetRequiredService<Assessments.EvidenceAssessmentScorer>());
        return services;
    }

    private static int IndexOfOptions(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(CrmMetricsOptions) && !services[i].IsKeyedService && services[i].ImplementationInstance is CrmMetricsOptions)
            {
                return i;
            }
        }

        return -1;
    }
}
