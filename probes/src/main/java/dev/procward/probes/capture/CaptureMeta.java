package dev.procward.probes.capture;

import dev.procward.probes.ProcParseException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Parses {@code .procward/capture.properties}, which comes from whoever made the capture. */
public final class CaptureMeta {
    private CaptureMeta() {}

    /** The only format this version writes and reads. */
    public static final String FORMAT = "1";

    /**
     * @throws ProcParseException when the text is not a properties file or names another format
     */
    public static Properties parse(byte[] data) {
        var props = new Properties();
        try {
            props.load(new StringReader(new String(data, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | IOException e) {
            // Properties.load refuses a malformed \\uXXXX escape with IllegalArgumentException.
            throw new ProcParseException("capture.properties", String.valueOf(e.getMessage()));
        }
        String format = props.getProperty("format");
        if (format != null && !format.strip().equals(FORMAT)) {
            throw new ProcParseException("capture.properties", "format " + CaptureLinks.quoted(format)
                    + " is not the format " + FORMAT + " this procward reads");
        }
        return props;
    }
}
