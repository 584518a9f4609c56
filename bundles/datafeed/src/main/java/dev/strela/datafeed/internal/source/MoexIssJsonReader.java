package dev.strela.datafeed.internal.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MOEX ISS candles as returned by {@code iss.moex.com/.../candles.json}:
 * {@code {"candles":{"metadata":{...},"columns":[...],"data":[[...],...]}}}. The file is parsed as
 * a stream (columns must come before data, as ISS writes them); numbers are taken from their JSON
 * text, never through a double. The line of a row is the line its {@code [} is on (ISS writes one
 * row per line). Other blocks, e.g. a cursor, are skipped. The instrument must be given.
 */
public final class MoexIssJsonReader implements CandleFileReader {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public CandleFileFormat format() {
        return CandleFileFormat.MOEX_ISS_JSON;
    }

    @Override
    public void read(Path file, String instrumentId, CandleFileListener listener)
            throws IOException, CandleFileException {
        TextLines.requireReadable(file);
        IssCandles.requireInstrument(file, instrumentId);
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CandleFileException(file + ": not a MOEX ISS JSON object {\"candles\":{...}}");
            }
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("candles".equals(name) && value == JsonToken.START_OBJECT) {
                    new Block(file, instrumentId, listener).read(parser);
                    found = true;
                } else {
                    parser.skipChildren();
                }
            }
            if (!found) {
                throw new CandleFileException(file + ": no \"candles\" object, expected MOEX ISS candles JSON");
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new CandleFileException(file + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code candles} object: its columns, then its rows. */
    private static final class Block {
        private final Path file;
        private final String source;
        private final String instrumentId;
        private final CandleFileListener listener;
        private IssColumns columns;
        private boolean periodChecked = false;

        Block(Path file, String instrumentId, CandleFileListener listener) {
            this.file = file;
            this.source = file.getFileName().toString();
            this.instrumentId = instrumentId;
            this.listener = listener;
        }

        void read(JsonParser parser) throws IOException, CandleFileException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("columns".equals(name) && value == JsonToken.START_ARRAY) {
                    columns = IssColumns.of(file, values(parser));
                } else if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    if (columns == null) {
                        throw new CandleFileException(file + ": \"data\" comes before \"columns\" in \"candles\"");
                    }
                    rows(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (columns == null) {
                throw new CandleFileException(file + ": \"candles\" has no \"columns\"");
            }
        }

        private void rows(JsonParser parser) throws IOException, CandleFileException {
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    listener.rejected(new Rejection(source, line, "row is not an array"));
                    continue;
                }
                String[] values = values(parser).toArray(new String[0]);
                if (!periodChecked) {
                    periodChecked = IssCandles.checkPeriod(file, values, columns);
                }
                try {
                    listener.candle(IssCandles.bar(values, columns, instrumentId), line);
                } catch (BadLineException e) {
                    listener.rejected(new Rejection(source, line, e.getMessage()));
                }
            }
        }

        /** The scalar values of the array just opened, as their JSON text (null for null or nested values). */
        private static List<String> values(JsonParser parser) throws IOException {
            List<String> values = new ArrayList<>(8);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                    values.add(parser.getText());
                } else {
                    parser.skipChildren();
                    values.add(null);
                }
            }
            return values;
        }
    }
}
