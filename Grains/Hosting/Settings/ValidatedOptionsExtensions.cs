using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>The one way every options type of the service is registered.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, checks it with
    /// <typeparamref name="TValidator"/> and does so at start, so a bad setting stops the host with
    /// its name. Registering the same pair twice (a host that is both silo and API) binds once:
    /// binding twice would append configured arrays to themselves.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        if (services.Any(service => service.ServiceType == typeof(IValidateOptions<TOptions>) && service.ImplementationType == typeof(TValidator)))
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        return services;
    }
}
