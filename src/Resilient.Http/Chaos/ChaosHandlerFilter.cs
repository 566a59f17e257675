using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Resilient.Http;

/// <summary>
/// Adds the chaos handler as the last handler of each client registered with <c>AddChaos</c>, after every handler the
/// client's own configuration added, so it sits next to the primary handler and sees each attempt's endpoint
/// address, whatever order <c>AddEndpointGroup</c> and <c>AddChaos</c> were called in.
/// </summary>
internal sealed class ChaosHandlerFilter(IEnumerable<ChaosRegistration> registrations) : IHttpMessageHandlerBuilderFilter
{
    private readonly ChaosRegistration[] _registrations = [.. registrations];

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (var registration in _registrations)
            {
                if (string.Equals(registration.ClientName, builder.Name, StringComparison.Ordinal) && added.Add(registration.GroupName))
                {
                    var controller = builder.Services.GetRequiredKeyedService<ChaosController>(registration.GroupName);
                    builder.AdditionalHandlers.Add(new ChaosHandler(controller));
                }
            }
        };
    }
}
