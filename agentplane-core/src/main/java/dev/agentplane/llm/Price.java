package dev.agentplane.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** USD per million input and output tokens. */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO);

    public Price {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
        inputPerMillion = normalized(inputPerMillion);
        outputPerMillion = normalized(outputPerMillion);
    }

    /** 0.10 and 0.1 are the same price, so they compare equal. */
    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Price of(String inputPerMillion, String outputPerMillion) {
        return new Price(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /** The cost of {@code usage} in USD, to 10 decimal places (far below a cent's millionth, so sums stay exact). */
    public BigDecimal cost(TokenUsage usage) {
        BigDecimal input = inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()));
        BigDecimal output = outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens()));
        return input.add(output).divide(MILLION, 10, RoundingMode.HALF_UP);
    }
}
