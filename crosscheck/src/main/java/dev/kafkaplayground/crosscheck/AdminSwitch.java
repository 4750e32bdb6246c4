package dev.kafkaplayground.crosscheck;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;

/**
 * One {@link Admin} for the whole run whose client is rebuilt when the bootstrap list
 * changes (a new broker of a KraftCluster): an Admin bootstrapped to broker 1 alone would
 * be lost once broker 1 is killed, if it had not refreshed its metadata since the others
 * registered. {@link #admin} is what the driver, the producer side and checkpoints use.
 */
final class AdminSwitch implements InvocationHandler, AutoCloseable {
    private final Supplier<Admin> factory;
    private volatile Admin current;
    final Admin admin;

    AdminSwitch(Supplier<Admin> factory) {
        this.factory = factory;
        this.current = factory.get();
        this.admin = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, this);
    }

    /** A new client (from the factory, so with the bootstrap list as it is now); the old one is closed. */
    synchronized void rebuild() {
        Admin old = current;
        current = factory.get();
        old.close(Duration.ofSeconds(2));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(current, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
