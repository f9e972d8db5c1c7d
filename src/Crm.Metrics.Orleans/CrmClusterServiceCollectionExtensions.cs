using Crm.Metrics.Orleans.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;

namespace Crm.Metrics.Orleans;

/// <summary>Registers the cluster jobs: the entry point where jobs start, and the partition source on the silos.</summary>
public static class CrmClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICrmClusterMetrics"/> where jobs are started — an Orleans client or a silo — together with the
    /// metrics engine (<c>AddCrmMetrics</c>, which registers nothing twice). It uses the host's Orleans
    /// <see cref="IGrainFactory"/>, the metrics options to finish results with, and <see cref="IClock"/> for the
    /// scorecard's instant. Calling it again replaces the options.
    /// </summary>
    /// <param name="services">The service collection of an Orleans client or silo.</param>
    /// <param name="configure">Sets the job options; they are validated at once. Null for the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A configured option is out of its range; the message names it.</exception>
    public static IServiceCollection AddCrmMetricsCluster(this IServiceCollection services, Action<CrmClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CrmClusterOptions();
        configure?.Invoke(options);
        options.Validate();

        // The provider keeps its own copy: changing the object the callback was given changes nothing later.
        services.RemoveAll<CrmClusterOptions>();
        services.AddSingleton(options.Clone());
        services.AddCrmMetrics();
        services.TryAddSingleton<ICrmClusterMetrics>(static sp => new CrmClusterMetrics(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<global::Orleans.Serialization.Serializer>(),
            sp.GetRequiredService<ICrmMetrics>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<CrmClusterOptions>()));
        return services;
    }

    /// <summary>
    /// Registers, on a silo, where that silo reads partitions (one singleton; a later call replaces it), and the metrics
    /// engine the partitions are computed with (<c>AddCrmMetrics</c>, which registers nothing twice; configure its
    /// options alike on every silo).
    /// </summary>
    /// <typeparam name="TSource">Your partition source; its dependencies come from the silo's services.</typeparam>
    /// <param name="services">The silo's service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCrmPartitionSource<TSource>(this IServiceCollection services)
        where TSource : class, ICrmPartitionSource
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<ICrmPartitionSource>();
        services.AddSingleton<ICrmPartitionSource, TSource>();
        services.AddCrmMetrics();
        return services;
    }

    /// <summary>
    /// Registers, on a silo, the instance that silo reads partitions with (a later call replaces it), and the metrics
    /// engine the partitions are computed with (<c>AddCrmMetrics</c>, which registers nothing twice).
    /// </summary>
    /// <param name="services">The silo's service collection.</param>
    /// <param name="source">Your partition source; it is called from several threads at once.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddCrmPartitionSource(this IServiceCollection services, ICrmPartitionSource source)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(source);
        services.RemoveAll<ICrmPartitionSource>();
        services.AddSingleton(source);
        services.AddCrmMetrics();
        return services;
    }
}
