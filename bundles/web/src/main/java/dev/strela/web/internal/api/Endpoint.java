package dev.strela.web.internal.api;

import dev.strela.web.internal.auth.WebUser;

/** One API resource: reads its parameters, answers an object that becomes the JSON body (or throws an ApiException). */
@FunctionalInterface
public interface Endpoint {

    Object handle(Params params, WebUser user);
}
