"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your dict_homework.py."""

from dict_homework import get_special_students, word_index_count

print(
    get_special_students(
        {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
    )
)
print(word_index_count("Apple is fruit. Orange is also fruit. Tomato is fruit?"))
