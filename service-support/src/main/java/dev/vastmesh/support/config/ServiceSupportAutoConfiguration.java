package dev.vastmesh.support.config;

import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.web.EmptyErrorProblemFilter;
import dev.vastmesh.support.web.ProblemAdvice;
import dev.vastmesh.support.web.ProblemErrorController;
import dev.vastmesh.support.web.RequestFirewall;
import dev.vastmesh.support.web.RequestSizeLimitFilter;
import dev.vastmesh.support.web.tomcat.TomcatProblems;
import dev.vastmesh.support.web.tomcat.TomcatRequestAdvice;
import dev.vastmesh.support.web.RedisUnavailableAdvice;
import dev.vastmesh.support.web.StoreUnavailableAdvice;
import dev.vastmesh.support.web.ScopeInterceptor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a service gets by depending on service-support: the {@link Clock} (tests replace it), and
 * in a servlet service the problem advice, the error page as a problem, the body cap and the
 * request firewall on every path (actuator included), and the {@code @RequiresScope} check; on
 * Tomcat, its own refusals as problems too.
 */
// Before Boot's MVC and error configurations, whose problem handler and error controller stand
// back only for existing ones.
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
    "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
public class ServiceSupportAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  static class Servlet implements WebMvcConfigurer {

    private final ObjectProvider<ScopeCheck> scopeCheck;

    Servlet(ObjectProvider<ScopeCheck> scopeCheck) {
      this.scopeCheck = scopeCheck;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice() {
      return new ProblemAdvice();
    }

    /**
     * The cap of every body the service takes, unless the service declares its own filter (with
     * the largest of its handlers' own limits).
     */
    @Bean
    @ConditionalOnMissingBean
    RequestSizeLimitFilter requestSizeLimitFilter(@Value("${vastmesh.http.max-request-bytes:1048576}") long limit) {
      return new RequestSizeLimitFilter(limit);
    }

    @Bean
    @ConditionalOnMissingBean
    RequestFirewall requestFirewall() {
      return new RequestFirewall();
    }

    @Bean
    @ConditionalOnMissingBean
    EmptyErrorProblemFilter emptyErrorProblemFilter() {
      return new EmptyErrorProblemFilter();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
      return new ProblemErrorController();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
      registry.addInterceptor(new ScopeInterceptor(scopeCheck));
    }

    /** Only on Tomcat: its refusals, and the exceptions it throws at handlers, as problems. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    static class OnTomcat {

      @Bean
      WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatProblems() {
        return factory -> factory.addContextCustomizers(new TomcatProblems());
      }

      @Bean
      @ConditionalOnMissingBean
      TomcatRequestAdvice tomcatRequestAdvice() {
        return new TomcatRequestAdvice();
      }
    }

    /** Only in a service with a Spring Data store: a store outage answers 503, not 500. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class StoreOutage {

      @Bean
      @ConditionalOnMissingBean
      StoreUnavailableAdvice storeUnavailableAdvice() {
        return new StoreUnavailableAdvice();
      }
    }

    /** Only where Lettuce is on the class path, for code that uses it without Spring Data. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.RedisException")
    static class RedisOutage {

      @Bean
      @ConditionalOnMissingBean
      RedisUnavailableAdvice redisUnavailableAdvice() {
        return new RedisUnavailableAdvice();
      }
    }
  }
}
