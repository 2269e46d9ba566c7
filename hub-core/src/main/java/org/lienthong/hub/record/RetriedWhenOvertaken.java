package org.lienthong.hub.record;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A transactional method whose transaction {@link OrderRetry} runs again when it throws {@link RetryTransaction} — but
 * only when the method itself began the transaction: joined to a caller's, the exception goes on to the caller's
 * boundary, which owns the retry.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface RetriedWhenOvertaken {
}
